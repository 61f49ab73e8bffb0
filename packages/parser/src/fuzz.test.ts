/**
 * Property-based fuzzing of the pipeline on mutated real reports: byte flips, truncation, splicing
 * two files, inserted junk (control characters, huge numbers, odd Unicode, markup), shuffled and
 * repeated lines, numbers blown up, HTML tags dropped, repeated or made hostile. Whatever comes in,
 * extract gives a well-formed Document or an ExtractError naming the file in Chinese, parse gives a
 * ParsedReport that validates against the model, and analyze gives an Analysis or a ReportError: no
 * other exception, no Infinity or NaN, no span outside the text.
 *
 * Fixed seeds and bounded runs, so that CI sees the same few hundred cases every time in seconds.
 * To look further: FUZZ_RUNS=5000 FUZZ_SEED=$RANDOM npx vitest run packages/parser/src/fuzz.test.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// the whole pipeline, as ingest runs it (a test-only import: audit depends on the parser, not back)
import { analyze } from '@nianbao/audit';
import { extract, ExtractError, type Document, type ExtractErrorCode } from '@nianbao/extract';
import { ParsedReport } from '@nianbao/model';
import { parse } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const DIRS = [join(ROOT, 'data/samples'), join(ROOT, '../shared/corpus'), join(ROOT, 'packages/extract/fixtures')];
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;

interface Source {
  name: string;
  bytes: Uint8Array;
}
const sources: Source[] = DIRS.filter((d) => existsSync(d)).flatMap((d) =>
  readdirSync(d)
    .filter((f) => f !== 'README.md' && /\.(txt|md|html|docx|doc|pdf)$/.test(f))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(d, f))) })),
);
const textSources = sources.filter((s) => /\.(txt|md|html)$/.test(s.name));
const wordSources = sources.filter((s) => /\.(docx|doc)$/.test(s.name));
const pdfSources = sources.filter((s) => /\.pdf$/.test(s.name));

const CODES: ExtractErrorCode[] = [
  'unsupported-format',
  'encoding',
  'empty',
  'corrupt',
  'ocr-needed',
  'too-large',
  'zip-bomb',
  'too-deep',
  'unsafe-path',
  'encrypted',
];
const CJK = /[\u4e00-\u9fff]/;

// ---------------------------------------------------------------------------------------------
// Mutations: each a value fast-check generates (and shrinks), applied to bytes or to the text

const JUNK = [
  '\u0000',
  '\u0007\u0008',
  '\ufeff',
  '\ufffd',
  '\u202e',
  '\u200b\u200c\u200d',
  '\u0301'.repeat(40),
  '\r',
  '\f',
  '\t',
  '\n\n\n',
  '\t\t\t\n\t',
  '|',
  '| a | b |\n|---|---|\n',
  '9'.repeat(400),
  '99999999999999999999',
  '1e308',
  '-0',
  'NaN',
  '一二三四五六七八九'.repeat(60),
  '亿'.repeat(200),
  '十'.repeat(200),
  '𠀀𪚥😀',
  '\u3000'.repeat(80),
  ' '.repeat(500),
  '2024年13月45日',
  '二〇二四年十三月四十五日',
  '一、',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '第二十条',
  '本年新收政府信息公开申请数量',
  '南开区南开区鼓楼区鼓楼区',
  '<',
  '>',
  '&',
  '&#0;&#x110000;&#xd800;&nbsp;&amp',
  '<td colspan=99999 rowspan=-3>',
  '<table><tr><td>',
  '</td></tr></table>',
  '<script>alert(1)</script>',
  '<style>p{display:none}</style>',
  '<!--',
  ']]>',
  '<![CDATA[',
  '<svg><p>',
  '<plaintext>',
  '<div>'.repeat(300),
  '</div>'.repeat(300),
];

const TAGS = [
  '<script>document.write("x")</script>',
  '<style>td{}</style>',
  '<td colspan="-5" rowspan="abc">',
  '<td colspan="1000000">',
  '<table>',
  '</table>',
  '<tr>',
  '<th>',
  '<tbody>',
  '<br/>',
  '<p hidden>',
  '<div style="display:none">',
  '<svg>',
  '<math>',
  '<title>',
  '<meta name="pubdate" content="9999-99-99">',
  '<a href="javascript:alert(1)">',
  '<img src=x onerror="alert(1)">',
  '<textarea>',
  '<xmp>',
  '&#99999999;',
  '<td>'.repeat(500),
  '<div><span><b><p>'.repeat(500),
];

type Mutation =
  | { kind: 'flip'; at: number[]; byte: number }
  | { kind: 'truncate'; keep: number }
  | { kind: 'splice'; other: number; at: number; from: number }
  | { kind: 'insert'; at: number; junk: string; times: number }
  | { kind: 'insertBytes'; at: number; bytes: Uint8Array }
  | { kind: 'shuffle'; swaps: [number, number][] }
  | { kind: 'repeatLine'; line: number; times: number }
  | { kind: 'hugeNumbers'; every: number; digits: number }
  | { kind: 'dropTags'; every: number }
  | { kind: 'repeatTags'; every: number; times: number }
  | { kind: 'insertTags'; every: number; tag: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const byteLevel = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fraction }),
  fc.record({ kind: fc.constant('splice' as const), other: fc.nat(), at: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('insertBytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 2000 }) }),
);
const textLevel = fc.oneof(
  byteLevel,
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    junk: fc.oneof(fc.constantFrom(...JUNK), fc.string({ unit: 'binary', maxLength: 50 })),
    times: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant('shuffle' as const), swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }) }),
  fc.record({ kind: fc.constant('repeatLine' as const), line: fc.nat(), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ kind: fc.constant('hugeNumbers' as const), every: fc.integer({ min: 1, max: 5 }), digits: fc.integer({ min: 13, max: 600 }) }),
  fc.record({ kind: fc.constant('dropTags' as const), every: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('repeatTags' as const), every: fc.integer({ min: 5, max: 50 }), times: fc.integer({ min: 2, max: 100 }) }),
  fc.record({ kind: fc.constant('insertTags' as const), every: fc.integer({ min: 5, max: 100 }), tag: fc.nat() }),
);

const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** Every `every`-th match of a pattern replaced. */
const everyNth = (s: string, re: RegExp, every: number, f: (m: string) => string) => {
  let i = 0;
  return s.replace(re, (m) => (i++ % every === 0 ? f(m) : m));
};

function mutate(b: Uint8Array, m: Mutation, pool: Source[]): Uint8Array {
  const at = (n: number) => (b.length ? n % (b.length + 1) : 0);
  switch (m.kind) {
    case 'flip': {
      const c = b.slice();
      for (const p of m.at) if (c.length) c[p % c.length] = m.byte;
      return c;
    }
    case 'truncate':
      return b.subarray(0, Math.floor(b.length * m.keep));
    case 'splice': {
      const other = pool[m.other % pool.length]!.bytes;
      return concat(b.subarray(0, at(m.at)), other.subarray(m.from % (other.length + 1)));
    }
    case 'insertBytes':
      return concat(b.subarray(0, at(m.at)), m.bytes, b.subarray(at(m.at)));
    case 'insert': {
      const s = text(b);
      const p = s.length ? m.at % (s.length + 1) : 0;
      return utf8.encode(s.slice(0, p) + m.junk.repeat(m.times) + s.slice(p));
    }
    case 'shuffle': {
      const lines = text(b).split('\n');
      for (const [i, j] of m.swaps) {
        const [x, y] = [i % lines.length, j % lines.length];
        [lines[x], lines[y]] = [lines[y]!, lines[x]!];
      }
      return utf8.encode(lines.join('\n'));
    }
    case 'repeatLine': {
      const lines = text(b).split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i]!));
      return utf8.encode(lines.join('\n'));
    }
    case 'hugeNumbers':
      return utf8.encode(everyNth(text(b), /\d+/g, m.every, () => '9'.repeat(m.digits)));
    case 'dropTags':
      return utf8.encode(everyNth(text(b), /<\/?[a-z][^>]*>/gi, m.every, () => ''));
    case 'repeatTags':
      return utf8.encode(everyNth(text(b), /<[a-z][^>]*>/gi, m.every, (t) => t.repeat(m.times)));
    case 'insertTags':
      return utf8.encode(everyNth(text(b), /</g, m.every, (t) => TAGS[m.tag % TAGS.length]! + t));
  }
}

// ---------------------------------------------------------------------------------------------
// What every outcome must look like

function expectDocument(doc: Document) {
  expect(typeof doc.text).toBe('string');
  for (const table of doc.tables) {
    expect(table.span[0]).toBeGreaterThanOrEqual(0);
    expect(table.span[1]).toBeLessThanOrEqual(doc.text.length);
    for (const row of table.rows) {
      for (const cell of row) {
        const [s, e] = cell.span;
        expect(0 <= s && s <= e && e <= doc.text.length, `span ${s}-${e} of ${doc.text.length}`).toBe(true);
        expect(doc.text.slice(s, e)).toBe(cell.text);
      }
    }
  }
}

function expectReport(report: ParsedReport, textLength: number) {
  const checked = ParsedReport.safeParse(report);
  expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 3))).toBe(true);
  // JSON (the database, the API) keeps what the report holds: no Infinity or NaN turned into null
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  for (const [key, cell] of Object.entries(report.cells)) {
    if (cell.value !== null) expect(Number.isFinite(cell.value), key).toBe(true);
    if (cell.span) expect(cell.span[0] >= 0 && cell.span[1] <= textLength, key).toBe(true);
  }
  for (const s of Object.values(report.sections))
    if (s.span) expect(s.span[0] >= 0 && s.span[1] <= textLength).toBe(true);
}

function expectExtractError(e: unknown, name: string, ownCode: boolean) {
  if (!(e instanceof ExtractError)) throw e;
  expect(CODES).toContain(e.code);
  expect(e.message).toContain(name);
  expect(e.message).toMatch(CJK);
  // text and web pages are read by our own code, which must throw nothing but its own errors
  if (ownCode) expect(e.cause).toBeUndefined();
}

/** extract → parse, then the whole of analyze, on one mutated file. */
async function pipeline(bytes: Uint8Array, name: string) {
  let doc: Document | null = null;
  try {
    doc = await extract(bytes, name);
  } catch (e) {
    expectExtractError(e, name, /\.(txt|md|html)$/.test(name));
  }
  if (doc) {
    expectDocument(doc);
    expectReport(parse(doc, { file: name, sha256: 'fuzz' }), doc.text.length);
  }
  const analysis = await analyze(bytes, name);
  if ('error' in analysis) {
    expect(analysis.file).toBe(name);
    expect(analysis.error.message).toContain(name);
    expect(analysis.error.message).toMatch(CJK);
  } else {
    expectReport(analysis.report, analysis.doc.text.length);
  }
}

/** Names as uploads carry them: the real one, or one that lies about the format. */
const NAMES = ['报告.txt', '报告.html', '报告.md', '报告.docx', '报告.doc', '报告.pdf', '报告', '报告.bin'];
const input = (pool: Source[], mutation: fc.Arbitrary<Mutation>) =>
  fc.record({
    source: fc.nat({ max: pool.length - 1 }),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
    rename: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constantFrom(...NAMES), weight: 1 }),
  });

async function run(pool: Source[], mutation: fc.Arbitrary<Mutation>, numRuns: number) {
  await fc.assert(
    fc.asyncProperty(input(pool, mutation), async ({ source, mutations, rename }) => {
      const from = pool[source]!;
      const bytes = mutations.reduce((b, m) => mutate(b, m, sources), from.bytes);
      await pipeline(bytes, rename ?? from.name);
    }),
    { seed: SEED, numRuns: RUNS ?? numRuns, endOnFailure: false },
  );
}

describe('fuzz: mutated real reports never throw anything but a well-formed error', () => {
  it('has real reports of every format to mutate', () => {
    expect(textSources.length).toBeGreaterThanOrEqual(2);
    expect(wordSources.length).toBeGreaterThanOrEqual(2);
    expect(pdfSources.length).toBeGreaterThanOrEqual(1);
  });

  it('text, Markdown and web pages', () => run(textSources, textLevel, 120), 120_000);

  it('Word files (.docx, .doc)', () => run(wordSources, byteLevel, 40), 120_000);

  it('PDF', () => run(pdfSources, byteLevel, 8), 120_000);
});
