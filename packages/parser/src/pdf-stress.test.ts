/**
 * Issue 12: the misreading families of the PDF stress set (`scripts/bench-pdf.ts`, seed 2026, 250
 * reports; `scripts/pdf-misreads.ts` lists them), each on a generated report printed by Chromium in
 * the `narrow` layout (a 9 pt borderless table at 72 % of the measure), read to the generator's truth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';

const UNRULED = join(import.meta.dirname, '../../extract/fixtures/unruled');

async function parseFile(name: string): Promise<ParsedReport> {
  return parse(await extract(readFileSync(join(UNRULED, name)), name), { file: name, sha256: '' });
}

/** A row's cells as read: a value as its number, anything else by its state. */
const row = (r: ParsedReport, key: string, cols: string[]) =>
  cols.map((c) => {
    const cell = r.cells[`${key}.${c}`]!;
    return cell.state === 'value' ? String(cell.value) : `(${cell.state})`;
  });
const T3 = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
const T2_2021: Record<string, string[]> = {
  regulations: ['issued', 'repealed', 'inForce'],
  normativeDocs: ['issued', 'repealed', 'inForce'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  coercion: ['decisions'],
  fees: ['amount'],
};

describe('PDF stress set, layout 「narrow」: what was misread', () => {
  it('360000-d21_2019: padded figures (「　0」) wrapped half a line below the others of their row, beside the last line of a wrapped label (「1.属于国家秘 / 密」), and a label’s last line (「息」) above a line of two labels run together (「（四）无法提 2.没有现成信」)', async () => {
    const r = await parseFile('generated-360000-d21_2019.narrow.pdf');
    for (const [key, values] of [
['newReceived', ['9', '0', '0', '1', '1', '2', '13']],
        ['carriedOver', ['0', '0', '0', '0', '0', '0', '0']],
        ['granted', ['3', '0', '0', '0', '1', '1', '5']],
        ['partiallyGranted', ['1', '0', '0', '1', '0', '0', '2']],
        ['denied.stateSecret', ['0', '0', '0', '0', '0', '0', '0']],
        ['denied.lawProhibited', ['1', '0', '0', '0', '0', '0', '1']],
        ['denied.safetyStability', ['0', '0', '0', '0', '0', '0', '0']],
        ['denied.thirdParty', ['1', '0', '0', '0', '0', '0', '1']],
        ['denied.internalAffairs', ['0', '0', '0', '0', '0', '0', '0']],
        ['denied.processInfo', ['1', '0', '0', '0', '0', '0', '1']],
        ['denied.enforcementFile', ['0', '0', '0', '0', '0', '0', '0']],
        ['denied.queryMatter', ['0', '0', '0', '0', '0', '0', '0']],
        ['unable.notHeld', ['1', '0', '0', '0', '0', '1', '2']],
        ['unable.needsCreation', ['0', '0', '0', '0', '0', '0', '0']],
        ['unable.unclear', ['0', '0', '0', '0', '0', '0', '0']],
        ['notProcessed.complaint', ['0', '0', '0', '0', '0', '0', '0']],
        ['notProcessed.duplicate', ['0', '0', '0', '0', '0', '0', '0']],
        ['notProcessed.publication', ['0', '0', '0', '0', '0', '0', '0']],
        ['notProcessed.massRepeated', ['0', '0', '0', '0', '0', '0', '0']],
        ['notProcessed.confirmation', ['0', '0', '0', '0', '0', '0', '0']],
        ['otherHandling', ['1', '0', '0', '0', '0', '0', '1']],
        ['totalProcessed', ['9', '0', '0', '1', '1', '2', '13']],
        ['carriedForward', ['0', '0', '0', '0', '0', '0', '0']],
    ] as const)
      expect(row(r, `t3.${key}`, T3), key).toEqual(values);
    expect(r.reading).toBeUndefined();
  });

  it('360681-d53_2021: table 二 broken after 「行政规范性文件」 with its header repeated on the next page: the header does not overwrite the row’s figures', async () => {
    const r = await parseFile('generated-360681-d53_2021.narrow.pdf');
    for (const [key, values] of [
['regulations', ['0', '0', '0']],
        ['normativeDocs', ['0', '3', '45']],
        ['licensing', ['100']],
        ['penalty', ['5']],
        ['coercion', ['0']],
        ['fees', ['0']],
    ] as const)
      expect(row(r, `t2.${key}`, T2_2021[key]!), key).toEqual(values);
    expect(r.reading).toBeUndefined();
  });

  it('360123-d47_2025: the 落款 alone at the top of the last page, set right, is not run into the last paragraph', async () => {
    const r = await parseFile('generated-360123-d47_2025.narrow.pdf');
    expect(r.publishedOn).toBe('2026-01-08');
    expect(r.publishedFrom).toBe('signature');
    expect(r.agency.name).toBe('安义县税务局');
  });

  it('361000-g_2020 (unruled, seed 7): table 四’s padded totals (「　3」) wrapped half a line below the other figures join their row, not read blank', async () => {
    const r = await parseFile('generated-361000-g_2020.unruled.pdf');
    const T4 = ['upheld', 'corrected', 'other', 'pending', 'total'];
    expect(row(r, 't4.review', T4)).toEqual(['2', '1', '0', '0', '3']);
    expect(row(r, 't4.litigationDirect', T4)).toEqual(['4', '0', '0', '0', '4']);
    expect(row(r, 't4.litigationAfterReview', T4)).toEqual(['1', '1', '0', '0', '2']);
  });

  it('360983-d45_2020 (unruled, 2,000-report set): 「见附件」 in a figure cell, wrapped over two lines around the row’s vertically centred figures, is that cell’s text, not a label row', async () => {
    const r = await parseFile('generated-360983-d45_2020.unruled.pdf');
    expect(row(r, 't3.notProcessed.massRepeated', T3)).toEqual(['0', '(text)', '0', '0', '0', '0', '0']);
    expect(r.cells['t3.notProcessed.massRepeated.commercial']!.raw).toBe('见附件');
    expect(row(r, 't3.notProcessed.publication', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(row(r, 't3.notProcessed.confirmation', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });
  it('360981-d08_2021 and 361026-d44_2025 (narrow, 2,000-report set): the last characters of table 四’s headings wrapped in one-character columns (「果」「正果」) are not the row of figures', async () => {
    const T4 = ['upheld', 'corrected', 'other', 'pending', 'total'];
    const a = await parseFile('generated-360981-d08_2021.narrow.pdf');
    expect(row(a, 't4.review', T4)).toEqual(['0', '0', '0', '0', '0']);
    // the page prints no figure under 「其他结果」 of 未经复议直接起诉
    expect(row(a, 't4.litigationDirect', T4)).toEqual(['0', '0', '(blank)', '0', '0']);
    expect(row(a, 't4.litigationAfterReview', T4)).toEqual(['0', '0', '0', '0', '0']);
    expect(a.reading).toBeUndefined();
    // two such columns side by side run together: fourteen figures for fifteen columns, never placed by guess
    const b = await parseFile('generated-361026-d44_2025.narrow.pdf');
    expect(row(b, 't4.review', T4)).toEqual(['0', '0', '0', '0', '0']);
    expect(b.reading).toEqual({ t4: { confidence: 'low', doubtfulRows: ['t4.review', 't4.litigationDirect', 't4.litigationAfterReview'] } });
  });
  it('360681-d05_2019 (unruled, 2,000-report set): 2019’s 行政处罚 row with only its last figure, in a group read with one column too many (a heading wrapped over two), takes its columns from the row beside it', async () => {
    const r = await parseFile('generated-360681-d05_2019.unruled.pdf');
    const T2 = ['previousCount', 'change', 'decisions'];
    expect(row(r, 't2.penalty', T2)).toEqual(['(blank)', '(blank)', '0']);
    expect(row(r, 't2.coercion', T2)).toEqual(['0', '0', '0']);
    expect(row(r, 't2.licensing', T2)).toEqual(['40', '1', '111']);
    expect(r.reading).toBeUndefined();
  });
  it('361102-d32_2020 (unruled, 2,000-report set): 「详见说明」 in the last figure column, wrapped around its row’s figures on lines with no label beside it, is that cell’s text, not a blank', async () => {
    const r = await parseFile('generated-361102-d32_2020.unruled.pdf');
    expect(row(r, 't3.denied.enforcementFile', T3)).toEqual(['0', '0', '0', '0', '0', '0', '(text)']);
    expect(r.cells['t3.denied.enforcementFile.total']!.raw).toBe('详见说明');
    expect(row(r, 't3.denied.processInfo', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(row(r, 't3.denied.queryMatter', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(r.reading).toBeUndefined();
  });
  it('361127-d17_2020 (narrow, 2,000-report set): 「见附件」 in the first figure column of a row whose label wraps onto the next line (「3.危及“三安 / 全一稳定”」) is that cell’s text, the row read', async () => {
    const r = await parseFile('generated-361127-d17_2020.narrow.pdf');
    expect(row(r, 't3.denied.safetyStability', T3)).toEqual(['(text)', '0', '0', '0', '0', '0', '0']);
    expect(r.cells['t3.denied.safetyStability.naturalPerson']!.raw).toBe('见附件');
    expect(row(r, 't3.denied.lawProhibited', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(row(r, 't3.denied.thirdParty', T3)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(r.reading).toBeUndefined();
  });
});
