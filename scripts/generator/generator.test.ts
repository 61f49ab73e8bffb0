/**
 * Keeps the generator and its truth honest against the real pipeline: every generated report is
 * read back with extract + parse and must give exactly the cells, sections and metadata it prints
 * (clean and defective, in every format); the same seed writes the same bytes; clean reports keep
 * every identity and carry their figures over; every injected defect makes its own rule part of the
 * truth; and the real audit finds exactly the truth's rules.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { T3_COLUMNS } from '@nianbao/model';
import { AccuracyMeter, differences, readBack } from './accuracy';
import { DEFECT_KINDS, NO_DEFECTS, generateProvince, type GeneratedReport } from './index';
import { identityRules } from './truth';
import type { Rates } from './defects';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Shapes the parser does not read yet (see the report of the generator's issue): a text cell
 * (「见附件」) in the first value column of a row is taken as part of the row's label, and any text
 * cell in table 四's row of fifteen values makes the parser skip the whole row.
 */
function parserGap(r: GeneratedReport): boolean {
  return r.truth.defects.some(
    (d) => d.kind === 'text-cell' && d.cells!.some((k) => k.startsWith('t4.') || /\.(naturalPerson|made|issued|previousCount|decisions|amount|projects)$/.test(k)),
  );
}

const clean = generateProvince({ seed: 5, agencies: 7, years: 7, rates: NO_DEFECTS });
const rates: Rates = Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0.2]));
const defective = generateProvince({ seed: 9, agencies: 10, years: 7, rates });

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

  it('makes injected defects visible in what the parser reads (blank as blank, 「—」 as a placeholder, cut rows as absent …)', async () => {
    for (const r of defective.reports) {
      if (parserGap(r)) continue;
      const { report } = await readBack(r);
      expect(differences(r, report), r.fileName).toEqual([]);
    }
  });

  it.fails('reads a text cell in the first value column, and in table 四 (parser gap)', async () => {
    const gaps = defective.reports.filter(parserGap);
    expect(gaps.length).toBeGreaterThan(0);
    for (const r of gaps) expect(differences(r, (await readBack(r)).report), r.fileName).toEqual([]);
  });

  it('agrees with the real audit: every rule the truth names fires, and no other', async () => {
    const meter = new AccuracyMeter();
    for (const r of [...clean.reports]) await meter.add(r);
    const cleanResult = meter.result();
    expect(Object.entries(cleanResult.perRule).filter(([, c]) => c.fp || c.fn)).toEqual([]);
    const m2 = new AccuracyMeter({ unscored: parserGap });
    for (const r of defective.reports) await m2.add(r);
    const result = m2.result();
    expect(result.errors).toEqual([]);
    const wrong = Object.fromEntries(Object.entries(result.perRule).filter(([, c]) => c.fp || c.fn));
    expect({ wrong, examples: Object.keys(wrong).length ? result.examples : {} }).toEqual({ wrong: {}, examples: {} });
  });
});
