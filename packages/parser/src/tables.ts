/**
 * Maps the row stream of each table region to the template's cell keys, cell by cell, guessing nothing:
 * a cell that is not in the document is `absent`.
 */
import {
  TEMPLATES,
  T3_OTHER_HANDLING_2019,
  cellDefs,
  type Cell,
  type RowDef,
  type TableId,
  type TemplateVersion,
} from '@nianbao/model';
import { alignRows, type AlignToken, type Alignment } from './align';
import { dice, foldLabel } from './normalize';
import { parseCell } from './numbers';
import { isLabelText, withTextValues, type RawCell, type RowItem } from './rows';

interface MatchDef {
  row: RowDef;
  label: string; // folded
  marked: string; // folded marker + label
}

const matchDefs = new Map<string, MatchDef[]>();
function defsFor(version: TemplateVersion, table: TableId): MatchDef[] {
  const k = version + table;
  let defs = matchDefs.get(k);
  if (!defs) {
    const rows = TEMPLATES[version].tables.find((t) => t.id === table)!.rows;
    const all = version === '2021' && table === 't3' ? [...rows, T3_OTHER_HANDLING_2019] : rows;
    defs = all.flatMap((row) =>
      [row.label, ...(row.aliases ?? [])].map((l) => ({
        row,
        label: foldLabel(l),
        marked: foldLabel((row.marker ?? '') + l),
      })),
    );
    matchDefs.set(k, defs);
  }
  return defs;
}

/** How well a label read from the document fits a template row: containment first, then bigram similarity. */
function score(label: string, def: MatchDef): number {
  if (label.includes(def.marked)) return 2 + def.marked.length / 100;
  if (label.includes(def.label)) return 1 + def.label.length / 100;
  // at most min − 1 bigrams are shared, so a label over three times as long as the template's (or a
  // third as long) cannot reach 0.5: no need to count the bigrams of a runaway line
  const [m, n] = [label.length - 1, def.label.length - 1];
  if (2 * Math.min(m, n) < 0.5 * (m + n)) return 0;
  const d = dice(label, def.label);
  return d >= 0.5 ? d : 0;
}

// Reports print the same few labels over and over: remember each verdict (bounded).
const verdicts = new WeakMap<MatchDef[], Map<string, RowDef | null>>();

function bestMatch(label: string, defs: MatchDef[], preferred: string | undefined): RowDef | null {
  // Stryker disable next-line all: a cache (a runaway line is not kept); every verdict is the same with or without it
  if (label.length > 200) return matchRow(label, defs, preferred); // not kept: a runaway line
  let seen = verdicts.get(defs);
  if (!seen) verdicts.set(defs, (seen = new Map()));
  const key = `${preferred ?? ''}|${label}`;
  let verdict = seen.get(key);
  if (verdict === undefined) {
    verdict = matchRow(label, defs, preferred);
    // Stryker disable next-line all: the bound of a cache; clearing it early or never changes no verdict
    if (seen.size > 20_000) seen.clear();
    seen.set(key, verdict);
  }
  return verdict;
}

function matchRow(label: string, defs: MatchDef[], preferred: string | undefined): RowDef | null {
  let best: { row: RowDef; s: number } | null = null;
  const scores = new Map<string, number>();
  for (const def of defs) {
    const s = score(label, def);
    if (s > (scores.get(def.row.key) ?? 0)) scores.set(def.row.key, s);
    if (s > 0 && (!best || s > best.s)) best = { row: def.row, s };
  }
  if (!best) return null;
  // two rows fit a fragment about equally (「行政机关不再处理其政府信息公」): the row that comes next wins
  if (preferred && preferred !== best.row.key && best.s - (scores.get(preferred) ?? 0) < 0.1) {
    return defs.find((d) => d.row.key === preferred)!.row;
  }
  return best.row;
}

/** True when `label` (as read) contains the template label of `row`, or one of its aliases. */
function covers(defs: MatchDef[], row: RowDef, label: string): boolean {
  const folded = foldLabel(label);
  return defs.some((d) => d.row === row && folded.includes(d.label));
}

/**
 * The row with a text value read into its label given back, once the label's template row is known:
 * what is left still holds that row's label. In a row of figures short of some, a label wrapped over
 * lines (「3.危及“三安」 beside 「见附件」, 「全一稳定”」 on the next line) is found without the text
 * value, and what is left need only read as that row.
 */
function textValuesBack(row: RowItem, def: RowDef | null, defs: MatchDef[], width: number): RowItem {
  const figures = row.cells.some((c) => c.raw.trim());
  const without = (k: number) => foldLabel(row.labelParts.slice(0, -k).map((p) => p.raw).join(''));
  for (let k = 1; figures && !def && k <= width - row.cells.length && k < row.labelParts.length; k++)
    def = bestMatch(without(k), defs, undefined);
  if (!def) return row;
  const found = def;
  return withTextValues(
    row,
    width,
    (label) => covers(defs, found, label) || (figures && bestMatch(foldLabel(label), defs, undefined) === found),
  );
}

type Cells = Record<string, Cell>;

const keysOf = new WeakMap<RowDef, string[]>();
function columnKeys(row: RowDef): string[] {
  let keys = keysOf.get(row);
  if (!keys) keysOf.set(row, (keys = row.columns.map((c) => `${row.key}.${c.key}`)));
  return keys;
}

function put(cells: Cells, row: RowDef, values: (RawCell | undefined)[], missing: 'absent' | 'blank') {
  const keys = columnKeys(row);
  for (let i = 0; i < keys.length; i++) {
    const v = values[i];
    if (v) cells[keys[i]!] = parseCell(v.raw, row.columns[i], v.span);
    else if (missing === 'blank') cells[keys[i]!] = { raw: '', state: 'blank', value: null, span: null };
  }
}

/** Values of a line row placed by column position, so that blank cells of `pdftotext -layout` stay blank. */
function alignByColumns(row: RowItem, columns: number[] | null, width: number): (RawCell | undefined)[] {
  if (row.grid || row.cells.length >= width || !columns || !row.columns) return row.cells;
  const out: (RawCell | undefined)[] = new Array(width).fill(undefined);
  row.cells.forEach((c, i) => {
    const at = row.columns![i]!;
    let best = 0;
    for (let j = 1; j < width; j++) if (Math.abs(columns[j]! - at) < Math.abs(columns[best]! - at)) best = j;
    if (!out[best]) out[best] = c;
  });
  return out.map((c) => c ?? { raw: '', span: null });
}

function medianColumns(rows: RowItem[], width: number): number[] | null {
  const full = rows.filter((r) => !r.grid && r.cells.length === width && r.columns);
  if (full.length < 3) return null;
  return Array.from({ length: width }, (_, j) => {
    const xs = full.map((r) => r.columns![j]!).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)]!;
  });
}

const isHeaderRow = (cells: RawCell[]) => cells.filter((c) => isLabelText(c.raw)).length >= 2;

/** Header cells and the 「勾稽关系」 note: text of table 三 that belongs to no row. */
const T3_NOISE = /勾稽关系|申请人情况|法人或其他组织|自然人|商业企业|科研机构|社会公益|法律服务|^其他$/;

export interface TableReading {
  /** Rows (keys) whose figures could not be placed for sure: another row fits as well, or none does. */
  doubtful: string[];
}

/** One row read from the document, as the alignment sees it. */
interface Item {
  row: RowItem;
  token: AlignToken;
  /** A grid row short of figures (one went into its label's cell): a row, but not one to read for sure. */
  partial?: boolean;
}

/**
 * The figures of each aligned row written to its cells, and the rows whose reading is in doubt. `place`
 * gives a value line's cells for its row (null: they cannot be placed for sure). Shared by every table
 * read by alignment (二 and 三).
 */
function placeAligned(
  items: Item[],
  alignment: Alignment,
  rowsUsed: RowDef[],
  cells: Cells,
  laidOut: boolean,
  place: (def: RowDef, row: RowItem) => { values: (RawCell | undefined)[]; missing: 'absent' | 'blank' } | null,
): string[] {
  const doubtful: string[] = [];
  const grouped = new Map<number, number[]>();
  alignment.rowOf.forEach((r, k) => {
    if (r >= 0) grouped.set(r, [...(grouped.get(r) ?? []), k]);
  });
  for (const [r, ks] of grouped) {
    const def = rowsUsed[r]!;
    const v = ks.find((k) => items[k]!.token.value);
    if (v !== undefined) {
      const placed = items[v]!.partial ? null : place(def, items[v]!.row);
      if (placed) put(cells, def, placed.values, placed.missing);
      else doubtful.push(def.key);
    } else if (ks.every((k) => !items[k]!.row.grid)) {
      // the row's label is printed and no figure beside it: a blank row of a table read by position
      put(cells, def, [], 'blank');
    } else if (laidOut) {
      // a ruled row of a page layout with its label and too few cells: its figures went astray
      doubtful.push(def.key);
    }
  }
  for (const d of alignment.doubtful)
    doubtful.push(...(d.rows.length ? d.rows.map((r) => rowsUsed[r]!.key) : [nearestRow(alignment.rowOf, d.token, rowsUsed)]));
  // A page layout (PDF) loses rows in its reading, not in the report: a row missing between rows that
  // were read, in a table that goes on below it, is more likely misread than left out by its author.
  if (laidOut) {
    const placed = [...grouped.keys()].sort((a, b) => a - b);
    for (let r = (placed[0] ?? 0) + 1; r < (placed.at(-1) ?? 0); r++)
      if (!grouped.has(r)) doubtful.push(rowsUsed[r]!.key);
  }
  const at = (key: string) => rowsUsed.findIndex((r) => r.key === key);
  return [...new Set(doubtful)].sort((a, b) => at(a) - at(b));
}

/**
 * Table 三: value lines and label fragments aligned to the template's rows in order (see align.ts):
 * a wrapped, split or damaged label still finds its row, and a row printed without figures is blank
 * in place rather than taking the figures below it.
 */
export function readT3(
  rows: RowItem[],
  version: TemplateVersion,
  cells: Cells,
  options: { laidOut?: boolean } = {},
): { singleOtherHandling: boolean; reading: TableReading } {
  const defs = defsFor(version, 't3');
  const columns = medianColumns(rows, 7);
  const items = rows.map((read): Item => {
    const row = textValuesBack(read, bestMatch(foldLabel(read.label), defs, undefined), defs, 7);
    const values = row.cells.slice(0, 7);
    const header = isHeaderRow(values);
    // a short line row is only trusted where column positions can place its numbers (pdftotext -layout)
    const full = !header && !(values.length < 7 && (row.grid || !columns || values.length < 2));
    const partial = !full && !header && row.grid && values.filter((c) => !isLabelText(c.raw)).length >= 4;
    const value = full || partial;
    const text = value ? row.label : [row.label, ...row.cells.map((c) => c.raw)].join('');
    const token: AlignToken = {
      label: foldLabel(text),
      value,
      noise: header || (!value && T3_NOISE.test(foldLabel(text))),
      empty: value && values.every((c) => !c.raw.trim()),
    };
    return { row, token, partial };
  });
  const tokens = items.map((i) => i.token);
  const order = TEMPLATES[version].tables.find((t) => t.id === 't3')!.rows;
  let rowsUsed = order;
  let alignment = alignRows(tokens, order);
  let singleOtherHandling = false;
  // the single （六）其他处理 row of 2019 is only tried where the 2021 rows' 「逾期」 is nowhere
  if (version === '2021' && !tokens.some((t) => t.label.includes('逾期'))) {
    const first = order.findIndex((r) => r.key.startsWith('t3.otherHandling.'));
    const legacy = [...order.slice(0, first), T3_OTHER_HANDLING_2019, ...order.slice(first + 3)];
    const other = alignRows(tokens, legacy);
    if (other.score > alignment.score + 1e-9 && other.rowOf.includes(first)) {
      alignment = other;
      rowsUsed = legacy;
      singleOtherHandling = true;
    }
  }
  const doubtful = placeAligned(items, alignment, rowsUsed, cells, !!options.laidOut, (_, row) => ({
    values: alignByColumns(row, columns, 7),
    missing: row.grid ? 'absent' : 'blank',
  }));
  return { singleOtherHandling, reading: { doubtful } };
}

/** The row next to an unplaced value line (the row before it, or the first), to name it to a person. */
function nearestRow(rowOf: number[], token: number, rows: RowDef[]): string {
  for (let k = token - 1; k >= 0; k--) if (rowOf[k]! >= 0) return rows[Math.min(rowOf[k]! + 1, rows.length - 1)]!.key;
  return rows[0]!.key;
}

const PAGE_NUMBER = /^[-—－–]+\d+[-—－–]+$/;

/** Group titles and column headings of table 二: text that belongs to no row. */
const T2_NOISE = /第二十条|信息内容|本年制发件数|本年新制作数量|上一年项目数量|本年处理决定数量|本年收费金额|采购项目数量|采购总金额/;

/**
 * The figures of a table 二 row for its `width` columns. A grid row may have more cells than its row
 * has columns: a table read without rules gives a figure centred under a heading over three columns
 * (「本年处理决定数量」) in one of the three. Where the filled cells are exactly the row's columns they
 * are its figures; where fewer, which is blank cannot be told (null) — but for a single column.
 */
function t2Values(row: RowItem, width: number): (RawCell | undefined)[] | null {
  if (row.cells.length <= width) return row.cells;
  const filled = row.cells.filter((c) => c.raw.trim());
  if (filled.length === width) return filled;
  if (width === 1 && !filled.length) return [row.cells[0]!];
  // only blanks past the row's columns: nothing moved
  if (row.cells.slice(width).every((c) => !c.raw.trim())) return row.cells.slice(0, width);
  return null;
}

/** The one row whose label (or an alias) the text contains, if exactly one. */
function namedRow(text: string, order: RowDef[], defs: MatchDef[]): number {
  const rows = new Set(defs.filter((d) => text.includes(d.label)).map((d) => d.row));
  return rows.size === 1 ? order.indexOf([...rows][0]!) : -1;
}

/**
 * Table 二 read by its labels alone, when every line of figures names its row and no two name the same:
 * short, distinct labels (规章, 行政许可 …) say where figures go even where a converter put the rows out of
 * order (a Markdown copy listing 第二十条第（一）项 last), which an order-keeping alignment cannot follow.
 * Null when some figures have no label of their own (wrapped, damaged): then the alignment decides.
 */
function byLabels(items: Item[], order: RowDef[], defs: MatchDef[]): Alignment | null {
  const rowOf = items.map((i) => (i.token.noise ? -1 : namedRow(i.token.label, order, defs)));
  const values = items.flatMap((i, k) => (i.token.value && !(i.token.empty && rowOf[k]! < 0) ? [k] : []));
  if (values.some((k) => rowOf[k]! < 0)) return null;
  const rows = values.map((k) => rowOf[k]!);
  if (new Set(rows).size !== rows.length) return null;
  // a label without figures names its row only where no figures do
  items.forEach((i, k) => {
    if (!i.token.value && rows.includes(rowOf[k]!)) rowOf[k] = -1;
    if (i.token.value && i.token.empty && rowOf[k]! < 0) rowOf[k] = -1;
  });
  const seen = new Set<number>();
  items.forEach((i, k) => {
    if (i.token.value || rowOf[k]! < 0) return;
    if (seen.has(rowOf[k]!)) rowOf[k] = -1;
    else seen.add(rowOf[k]!);
  });
  return { rowOf, score: 0, doubtful: [] };
}

/**
 * Table 二: its rows found by template-guided alignment as table 三's are (规章, 行政许可 … in order,
 * a label wrapped or glued to the next group's title still lands on its row); numbers lifted out of
 * their row are placed back.
 */
export function readT2(
  rows: RowItem[],
  version: TemplateVersion,
  cells: Cells,
  options: { laidOut?: boolean } = {},
): { reading: TableReading } {
  const defs = defsFor(version, 't2');
  const order = TEMPLATES[version].tables.find((t) => t.id === 't2')!.rows;
  // A PDF converter lifts a two-line cell (「55（含自然失效 29 件）」) out of its row: a lone number
  // without a label, kept aside for the row one value short
  const orphanAt = new Map<number, RawCell>();
  const items = rows.map((read, k): Item => {
    if (!read.label && read.cells.length === 1 && !read.grid) {
      orphanAt.set(k, read.cells[0]!);
      return { row: read, token: { label: '', value: false, noise: true } };
    }
    // a page number printed between the rows (「— 4 —」)
    if (!read.label && !read.grid && PAGE_NUMBER.test(read.cells.map((c) => c.raw).join('')))
      return { row: read, token: { label: '', value: false, noise: true } };
    const def = bestMatch(foldLabel(read.label), defs, undefined);
    const row = textValuesBack(read, def, defs, def?.columns.length ?? 3);
    const value = row.cells.length > 0 && !isHeaderRow(row.cells);
    const text = foldLabel(value ? row.label : [row.label, ...row.cells.map((c) => c.raw)].join(''));
    const token: AlignToken = {
      label: text,
      value,
      noise: !value && (!text || T2_NOISE.test(text)),
      empty: value && row.cells.every((c) => !c.raw.trim()),
    };
    return { row, token };
  });
  const alignment = byLabels(items, order, defs) ?? alignRows(
    items.map((i) => i.token),
    order,
  );
  const orphans = [...orphanAt.entries()];
  // a row with blanks among more cells than its columns (a heading read as two columns): the row next
  // to it, of as many cells and columns, with exactly its columns filled, says which cells they are
  const columnsOfNeighbour = (k: number, width: number): (RawCell | undefined)[] | null => {
    const row = items[k]!.row;
    for (const j of [k - 1, k + 1]) {
      const n = items[j];
      const r = alignment.rowOf[j] ?? -1;
      if (!n?.token.value || !n.row.grid || n.row.cells.length !== row.cells.length || r < 0) continue;
      if (order[r]!.columns.length !== width) continue;
      const at = n.row.cells.flatMap((c, i) => (c.raw.trim() ? [i] : []));
      if (at.length === width && row.cells.every((c, i) => !c.raw.trim() || at.includes(i))) return at.map((i) => row.cells[i]);
    }
    return null;
  };
  const doubtful = placeAligned(items, alignment, order, cells, !!options.laidOut, (def, row) => {
    const width = def.columns.length;
    const k = items.findIndex((i) => i.row === row);
    const values = t2Values(row, width) ?? columnsOfNeighbour(k, width);
    if (!values) return null;
    // the orphan number waiting above this row, with the row one value short: it was the middle cell
    const o = orphans.findIndex(([at]) => at < k);
    if (values.length === width - 1 && width === 3 && o >= 0) {
      values.splice(1, 0, orphans[o]![1]);
      orphans.splice(o, 1);
    }
    return { values, missing: row.grid ? 'absent' : 'blank' };
  });
  return { reading: { doubtful } };
}

/** Words of table 四's headings and row labels, never of a value. */
const T4_HEADING = /复议|诉讼|维持|纠正|结果|审结|总计|起诉/;
/** The characters of those headings: a heading wrapped in a narrow column leaves pieces (「果」「正果」). */
const T4_HEADING_CHARS = new Set('行政复议诉讼结果维持纠正其他尚未审结总计经直接起诉后');
const isT4Heading = (s: string) => T4_HEADING.test(s) || [...s.replace(/\s/g, '')].every((c) => T4_HEADING_CHARS.has(c));

/**
 * Table 四: the fifteen values in order (行政复议 five, then the two 行政诉讼 groups). Laid out (a PDF),
 * fewer than fifteen means a column was not found (headings squeezed into one-character columns run
 * together): which values moved is not known, so every row is doubtful.
 */
export function readT4(rows: RowItem[], version: TemplateVersion, cells: Cells, options: { laidOut?: boolean } = {}) {
  const values: RawCell[] = [];
  for (const row of rows) {
    // the row of values may hold a text value (「见附件」), even first, where it reads as a label
    const all = [...row.labelParts, ...row.cells];
    if (all.length < 5) continue;
    const texts = all.filter((c) => isLabelText(c.raw));
    if (texts.some((c) => isT4Heading(c.raw)) || texts.length * 3 > all.length) continue;
    values.push(...all.map(({ raw, span }) => ({ raw, span })));
    if (values.length >= 15) break;
  }
  const rowsT4 = TEMPLATES[version].tables.find((t) => t.id === 't4')!.rows;
  rowsT4.forEach((row, i) => put(cells, row, values.slice(i * 5, i * 5 + 5), 'absent'));
  const short = options.laidOut && values.length > 0 && values.length < 15;
  return { reading: { doubtful: short ? rowsT4.map((r) => r.key) : [] } };
}

/** Every cell of the template, `absent` where the document has none. */
export function completeCells(version: TemplateVersion, cells: Cells): Cells {
  const out: Cells = {};
  for (const d of cellDefs(version)) out[d.key] = cells[d.key] ?? { raw: '', state: 'absent', value: null, span: null };
  for (const [k, v] of Object.entries(cells)) if (!(k in out)) out[k] = v;
  return out;
}

const MARKS_2021 = ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '逾期未按收费通知'];
const MARKS_2019 = ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增减', '采购项目数量', '采购总金额', '其他对外管理服务事项'];

/** The template version from the table labels, never from the year. */
export function detectTemplate(folded: string): TemplateVersion | 'unknown' {
  const count = (marks: string[]) => marks.filter((m) => folded.includes(m)).length;
  const a = count(MARKS_2021);
  const b = count(MARKS_2019);
  if (a === 0 && b === 0) return 'unknown';
  return a >= b ? '2021' : '2019';
}
