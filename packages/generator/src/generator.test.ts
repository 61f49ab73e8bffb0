/**
 * Keeps the generator and its truth honest against the real pipeline: every generated report is
 * read back with extract + parse and must give exactly the cells, sections and metadata it prints
 * (clean and defective, in every format); the same seed writes the same bytes; clean reports keep
 * every identity and carry their figures over; every injected defect makes its own rule part of the
 * truth; and the real audit finds exactly the truth's rules.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectKind } from '@nianbao/extract';
import { T3_COLUMNS } from '@nianbao/model';
import { AccuracyMeter, differences, readBack } from './accuracy';
import {
  DEFECTS,
  DEFECT_KINDS,
  DEMO_LABEL,
  FORMATS,
  NO_DEFECTS,
  demoProvince,
  generateProvince,
  isDemoFile,
  manifestEntry,
  type DefectKind,
  type GeneratedReport,
} from './index';
import { identityRules } from './truth';
import type { Rates } from './defects';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const clean = generateProvince({ seed: 5, agencies: 7, years: 7, rates: NO_DEFECTS });
const rates: Rates = Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0.2]));
const defective = generateProvince({ seed: 9, agencies: 10, years: 7, rates });

/** The defects the issue asks for, by the generator's kinds. */
const ISSUE_DEFECTS: Record<string, DefectKind[]> = {
  'blank cells': ['blank-cell'],
  placeholders: ['placeholder-cell'],
  'truncated tables': ['truncated-table'],
  'missing sections': ['missing-section'],
  'broken identities': ['broken-t3-flow', 'broken-t3-outcomes', 'broken-t3-applicants', 'broken-t4-totals'],
  'wrong carry-over': ['wrong-carry-over', 'wrong-item-count', 'wrong-in-force'],
  'text contradicting tables': ['text-contradiction'],
  'late or missing dates': ['late-date', 'missing-date'],
  'copied narratives': ['copied-across-agencies', 'copied-from-last-year'],
  // beyond the issue's list: other ways agencies fill a cell
  'text or another unit in a cell': ['text-cell', 'unit-in-cell'],
};

/** The same defective province written in one shape only: every report in every shape. */
const heavy: Rates = Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0.3]));
const byShape = Object.fromEntries(FORMATS.map((f) => [f, generateProvince({ seed: 11, agencies: 5, years: 7, rates: heavy, formats: [f] })]));

describe('generator', () => {
  it('writes the same bytes for the same seed, other bytes for another', () => {
    const again = generateProvince({ seed: 9, agencies: 10, years: 7, rates });
    expect(again.reports.map((r) => sha(r.bytes))).toEqual(defective.reports.map((r) => sha(r.bytes)));
    const other = generateProvince({ seed: 10, agencies: 10, years: 7, rates });
    expect(other.reports.filter((r, i) => sha(r.bytes) === sha(defective.reports[i]!.bytes))).toHaveLength(0);
  });

  it('covers both templates, all three formats, governments and departments at every level', () => {
    expect(new Set(clean.reports.map((r) => r.template))).toEqual(new Set(['2019', '2021']));
    expect(new Set(clean.reports.map((r) => r.format))).toEqual(new Set(['text', 'html', 'docx']));
    expect(new Set(clean.agencies.map((a) => `${a.level}:${a.kind}`))).toEqual(
      new Set(['province:government', 'city:government', 'county:government', 'province:department', 'city:department', 'county:department', 'township:government']),
    );
    expect(clean.agencies.map((a) => a.region.code).every((c) => /^36\d{4}$/.test(c))).toBe(true);
  });

  it('reads every clean report back exactly, in every format, and finds nothing to report', async () => {
    for (const r of clean.reports) {
      expect(r.truth.rules, r.fileName).toEqual([]);
      const { report } = await readBack(r);
      expect(differences(r, report), r.fileName).toEqual([]);
    }
  });

  it('keeps the identities in clean reports and carries figures over from year to year', () => {
    const byAgency = new Map<string, GeneratedReport[]>();
    for (const r of clean.reports) byAgency.set(r.agency.id, [...(byAgency.get(r.agency.id) ?? []), r]);
    const v = (r: GeneratedReport, k: string) => r.truth.cells[k]!.value!;
    for (const list of byAgency.values()) {
      for (const r of list) expect(identityRules(r.template, r.truth.cells), r.fileName).toEqual(new Set());
      for (let i = 1; i < list.length; i++) {
        const [prev, now] = [list[i - 1]!, list[i]!];
        for (const c of T3_COLUMNS) expect(v(now, `t3.carriedOver.${c.key}`)).toBe(v(prev, `t3.carriedForward.${c.key}`));
        if (now.template === '2019' && prev.template === '2019') {
          for (const row of ['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees']) {
            expect(v(now, `${row}.previousCount`)).toBe(v(prev, `${row}.previousCount`) + v(prev, `${row}.change`));
          }
        }
        if (now.template === '2021' && prev.template === '2021') {
          for (const row of ['t2.regulations', 't2.normativeDocs']) {
            expect(v(now, `${row}.inForce`)).toBe(v(prev, `${row}.inForce`) + v(now, `${row}.issued`) - v(now, `${row}.repealed`));
          }
        }
      }
    }
  });

  it('injects every kind of defect, each with its own rule in the truth', () => {
    const seen = new Set<string>();
    for (const r of defective.reports) {
      for (const d of r.truth.defects) {
        seen.add(d.kind);
        for (const rule of d.rules) expect(r.truth.rules, `${r.fileName} ${d.kind}`).toContain(rule);
      }
    }
    expect([...seen].sort()).toEqual([...DEFECT_KINDS].sort());
  });

  it('covers every defect the issue lists, each in every shape (text like the seeds, portal HTML, .docx)', () => {
    expect(Object.values(ISSUE_DEFECTS).flat().sort()).toEqual([...DEFECT_KINDS].sort());
    for (const f of FORMATS) {
      const seen = new Set(byShape[f]!.reports.flatMap((r) => r.truth.defects.map((d) => d.kind)));
      for (const [what, kinds] of Object.entries(ISSUE_DEFECTS)) {
        for (const k of kinds) expect(seen.has(k), `${what} (${k}) in ${f}`).toBe(true);
      }
    }
  });

  it('writes each shape as the extract package meets it', () => {
    const decoder = new TextDecoder();
    for (const r of byShape.text!.reports) {
      expect(detectKind(r.bytes, r.fileName), r.fileName).toBe('text');
      // the seeds' layout: every table cell on its own line, after a tab
      const text = decoder.decode(r.bytes);
      expect(text.split('\n').filter((l) => l.startsWith('\t')).length, r.fileName).toBeGreaterThan(100);
    }
    for (const r of byShape.html!.reports) {
      expect(detectKind(r.bytes, r.fileName), r.fileName).toBe('html');
      // a portal page: chrome around the article, the portal's own record of publisher and date
      const html = decoder.decode(r.bytes);
      expect(html).toMatch(/当前位置：/);
      expect(html).toMatch(/发布机构：/);
      expect(html).toMatch(/<table[^>]*>[\s\S]*rowspan=/);
      expect(html.includes('<meta name="PubDate"'), r.fileName).toBe(r.truth.publishedOn !== null);
    }
    for (const r of byShape.docx!.reports) {
      expect(detectKind(r.bytes, r.fileName), r.fileName).toBe('docx');
      expect(Buffer.from(r.bytes.subarray(0, 2)).toString()).toBe('PK');
    }
  });

  it('reads the same defective reports back exactly from every shape', async () => {
    for (const f of FORMATS) {
      for (const r of byShape[f]!.reports) {
        const { report } = await readBack(r);
        expect(differences(r, report), r.fileName).toEqual([]);
      }
    }
    // the shapes differ, the defects and the cells do not (the dates may: a portal records one)
    const truths = FORMATS.map((f) => byShape[f]!.reports.map((r) => JSON.stringify([r.truth.defects, r.truth.cells, r.truth.missingSections])));
    expect(truths[1]).toEqual(truths[0]);
    expect(truths[2]).toEqual(truths[0]);
  });

  it('keeps the manifest honest: each line is the truth of its report', () => {
    for (const r of defective.reports) {
      const e = JSON.parse(JSON.stringify(manifestEntry(r, true))) as ReturnType<typeof manifestEntry>;
      expect(e.fileName).toBe(r.fileName);
      expect(e.truth.rules).toEqual(r.truth.rules);
      expect(e.truth.rules).toEqual([...new Set(e.truth.rules)].sort());
      expect(e.truth.defects.map((d) => d.kind)).toEqual(r.truth.defects.map((d) => d.kind));
      for (const d of e.truth.defects) expect(d.rules).toEqual([...DEFECTS[d.kind].rules]);
      for (const [k, c] of Object.entries(r.truth.cells)) expect(e.truth.cells![k]).toEqual({ state: c.state, value: c.value });
      expect(e.publishedOn).toBe(r.truth.publishedOn);
      expect(e.agency.name).toBe(r.agency.name);
    }
  });

  it('makes a small demo province in memory, the same each time, marked 示例数据', () => {
    const demo = demoProvince({ agencies: 6, years: 3 });
    // every agency reports its first year; later, one now and then misses a year
    expect(demo.files.length).toBeGreaterThan(12);
    expect(demo.files.length).toBeLessThanOrEqual(18);
    expect(demo.manifest.filter((m) => m.year === 2023)).toHaveLength(6);
    expect(demo.years).toEqual([2023, 2024, 2025]);
    expect(demo.files.every((f) => f.demo && isDemoFile(f.name) && f.name.startsWith(`${DEMO_LABEL}/`))).toBe(true);
    expect(demo.manifest.map((m) => m.fileName)).toEqual(demo.files.map((f) => f.name));
    expect(new Set(demo.manifest.map((m) => m.format))).toEqual(new Set(FORMATS));
    expect(demo.agencies).toHaveLength(6);
    const again = demoProvince({ agencies: 6, years: 3 });
    expect(again.files.map((f) => sha(f.bytes))).toEqual(demo.files.map((f) => sha(f.bytes)));
  });

  it('makes injected defects visible in what the parser reads (blank as blank, 「—」 as a placeholder, cut rows as absent …)', async () => {
    for (const r of defective.reports) {
      const { report } = await readBack(r);
      expect(differences(r, report), r.fileName).toEqual([]);
    }
  });

  it('reads a text cell in the first value column of a row, and in table 四', async () => {
    const hard = defective.reports.filter((r) =>
      r.truth.defects.some((d) => d.kind === 'text-cell' && d.cells!.some((k) => k.startsWith('t4.') || /\.(naturalPerson|made|issued|previousCount|decisions|amount|projects)$/.test(k))),
    );
    expect(hard.length).toBeGreaterThan(0);
    for (const r of hard) expect(differences(r, (await readBack(r)).report), r.fileName).toEqual([]);
  });

  it('agrees with the real audit: every rule the truth names fires, and no other', async () => {
    const meter = new AccuracyMeter();
    for (const r of [...clean.reports]) await meter.add(r);
    const cleanResult = meter.result();
    expect(Object.entries(cleanResult.perRule).filter(([, c]) => c.fp || c.fn)).toEqual([]);
    const m2 = new AccuracyMeter();
    // grouped by format, as the PDF stress set groups by layout: each group its own figures
    for (const r of defective.reports) await m2.add(r, r.format);
    const result = m2.result();
    expect(result.errors).toEqual([]);
    expect([result.cellAccuracy, result.uncertainRate]).toEqual([1, 0]);
    const counts = Object.fromEntries(FORMATS.map((f) => [f, defective.reports.filter((r) => r.format === f).length]));
    expect(Object.fromEntries(Object.entries(result.groups).map(([g, a]) => [g, [a.reports, a.cellAccuracy, a.wrongCells, a.uncertain, a.minPrecision, a.minRecall]]))).toEqual(
      Object.fromEntries(FORMATS.map((f) => [f, [counts[f], 1, 0, 0, 1, 1]])),
    );
    const wrong = Object.fromEntries(Object.entries(result.perRule).filter(([, c]) => c.fp || c.fn));
    expect({ wrong, examples: Object.keys(wrong).length ? result.examples : {} }).toEqual({ wrong: {}, examples: {} });
  });
});
