/**
 * The office's yearly loop (issue 13), over the store: the roster of units that must report and its
 * import, deadlines and each unit's status for a year (on time, late, missing, not yet due, exempt),
 * the 问题清单 of a 整改通知书, rectification cases and their items, the figures of a 通报 and the
 * rankings by subordinate region.
 *
 * A rectification item is 已整改 when a newer version of the same report (a re-ingest) no longer has
 * its finding: that is read off the stored findings whenever cases are listed, so no ingest path has
 * to remember to close items.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rules as auditRules } from '@nianbao/audit';
import { CATEGORIES, CATEGORY_LABEL, cellDef, GRADES, recordOf, REGION_PREFIX, SECTIONS, TABLE_LABEL, templateFor, type AgencyKindId, type TableId, type ItemStatusId as ItemStatus, type UnitStatusId as UnitStatus } from '@nianbao/model';
import { dice, regionOf } from '@nianbao/parser';
import { inScope } from './auth';
import type { Db } from './client';
import { type Grade } from './queries';
import { lineage, lineageNames, parentCode, regionLevel, subtreeRange, type RegionLevel } from './regions';
import { agencies, agencyAliases, regions, settings } from './schema';
import { deadlineRules, filings, rectificationCases, rectificationItems, rosterUnits } from './schema-office';
import { normaliseName } from './rows';
import type { Queries } from './queries';
import type { Rubric } from '@nianbao/audit';

/**
 * What the office's loop uses of the application's store: its database and reads, the rubric in
 * force, and the re-audit of a unit's current report once its case is opened or its 整改期限 moves.
 */
export interface OfficeHost {
  readonly db: Db;
  readonly queries: Queries;
  readonly auditor: { rubric?: () => Rubric };
  reauditCurrent(agencyId: number, year: number): Promise<boolean>;
}

export { ITEM_STATUS_LABEL, UNIT_STATUS_LABEL, type AgencyKindId, type ItemStatusId as ItemStatus, type UnitStatusId as UnitStatus } from '@nianbao/model';

/** The roster's own fields, which a re-import updates where its file has the column. */
const ROSTER_FIELDS = ['kindLabel', 'parentName', 'fromYear', 'withdrawnFrom', 'url'] as const;

// ───────────────────────── roster import ─────────────────────────

/** One row of a roster file, as read (the row number is the spreadsheet's, header = 1). */
export interface RosterRow {
  row: number;
  name: string;
  regionCode?: string | null;
  kindLabel?: string | null;
  parentName?: string | null;
  fromYear?: number | null;
  withdrawnFrom?: number | null;
  url?: string | null;
  /** What the reader could not take (「自何年起应报“二〇一九”应为四位年份」): the row is reported back. */
  invalid?: string;
}

export interface RosterResult {
  row: number;
  status: 'added' | 'updated' | 'unchanged' | 'error';
  agency?: { id: number; name: string };
  message?: string;
}

export interface RosterSummary {
  added: number;
  updated: number;
  unchanged: number;
  error: number;
}

export interface UnitStatusItem {
  agency: { id: number; name: string; region: { code: string; name: string } | null; kind: AgencyKindId };
  year: number;
  status: UnitStatus;
  deadline: string;
  publishedOn: string | null;
  filedOn: string | null;
  daysLate: number | null;
  reportId: number | null;
  score: number | null;
  grade: Grade | null;
  /** What the roster says of the unit (null: not on it, or no roster). */
  unit: RosterUnit | null;
}

export interface RosterUnit {
  fromYear: number | null;
  withdrawnFrom: number | null;
  exemptFrom: number | null;
  url: string | null;
  parentName: string | null;
}

export interface StatusFilter {
  year?: number;
  region?: string;
  status?: UnitStatus;
  /** The cut-off date (YYYY-MM-DD): reports published after it count as not yet published. */
  asOf?: string;
  /** With the demo province (示例数据): only when the dashboard's switch shows it. */
  demo?: boolean;
}

/** 类型 → the agency kind that decides its deadline: governments and 管委会 report by 31 March. */
export function kindOfLabel(label: string | null | undefined, name: string): AgencyKindId {
  const s = (label ?? '').trim();
  if (/政府|管委会|管理委员会|管理区|新区/.test(s) && !/部门|办公室/.test(s)) return 'government';
  if (s) return 'department';
  return /(人民政府|管理委员会|管委会)$/.test(normaliseName(name)) ? 'government' : 'department';
}

const today = () => new Date().toISOString().slice(0, 10);
const nowIso = () => new Date().toISOString();
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const round2 = (n: number) => Math.round(n * 100) / 100;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** `2020-03-16` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

function inRegionSql(region: string, col: SQL): SQL {
  const [lo, hi] = subtreeRange(region);
  return sql`${col} >= ${lo} and ${col} < ${hi}`;
}

export interface OfficeSettings {
  /** The office's name, the 落款 of notices and 通报. */
  officeName: string;
  /** Days from a notice to its 整改期限 by default. */
  rectifyDays: number;
}

const DEFAULT_SETTINGS: OfficeSettings = { officeName: '政务公开工作主管部门', rectifyDays: 30 };

export interface NoticeItem {
  ordinal: number;
  fingerprint: string;
  rule: string;
  category: string;
  message: string;
  location: string;
  points: number;
  requirement: string;
}

export interface NoticeData {
  reportId: number;
  agency: { id: number; name: string };
  year: number;
  score: number | null;
  grade: Grade | null;
  officeName: string;
  issuedOn: string;
  dueOn: string;
  items: NoticeItem[];
  caseId: number | null;
}

export interface CaseItem extends NoticeItem {
  status: ItemStatus;
  /** The version of the report in which the finding is gone. */
  fixedReportId: number | null;
  fixedOn: string | null;
}

export interface RectificationCase {
  id: number;
  agency: { id: number; name: string; region: { code: string; name: string } | null };
  year: number;
  reportId: number;
  currentReportId: number | null;
  issuedOn: string;
  dueOn: string;
  status: ItemStatus;
  items: CaseItem[];
}

/** What to do about a finding, by rule (the notice's 整改要求). */
function requirementOf(rule: string): string {
  if (rule.startsWith('table.cell-blank') || rule.startsWith('table.cell-placeholder'))
    return '按模板补填空白或占位单元格，无数据的填写“0”';
  if (rule.startsWith('table.row-absent')) return '按年度报告格式补全缺失的行，并如实填写数据';
  if (rule.startsWith('table.')) return '按模板要求填写数字，不得填写文字说明';
  if (rule.startsWith('structure.section')) return '按年度报告格式的六部分结构调整标题、序号和顺序';
  if (rule.startsWith('structure.')) return '按年度报告格式的统计表重新编制';
  if (rule.startsWith('balance.') || rule.startsWith('value.')) return '核实统计数据，确保表内勾稽关系成立后更正';
  if (rule.startsWith('narrative.table-mismatch')) return '核实正文与统计表的数据，使二者一致';
  if (rule.startsWith('narrative.')) return '按年度报告格式补充相应内容';
  if (rule.startsWith('history.')) return '核对上年度报告数据，说明差异原因或更正';
  if (rule.startsWith('meta.')) return '补充报告落款（机关名称与日期）';
  if (rule.startsWith('time.')) return '严格按照条例第四十九条规定的期限公布年度报告';
  if (rule.startsWith('originality.')) return '结合本机关实际重新撰写，避免内容雷同';
  return '对照年度报告格式要求修改后重新公布';
}


/** Where a finding is, in the words of the notice: 表、行、列 of its cells, the part it concerns, or the sentence it quotes. */
export function locationOf(
  finding: { cells: string[]; span: [number, number] | null; fingerprint?: string },
  template: string,
  text: string | null,
): string {
  const version = templateFor(template, null);
  const defs = finding.cells.map((k) => cellDef(version, k)).filter((d) => d !== undefined);
  if (defs.length) {
    const rows = new Map<string, { table: string; row: string; columns: string[] }>();
    for (const d of defs) {
      const key = `${d.table}:${d.row.key}`;
      const entry = rows.get(key) ?? { table: TABLE_LABEL[d.table as TableId] ?? d.table, row: `${d.row.marker ?? ''}${d.row.label}`, columns: [] };
      entry.columns.push(d.column.label);
      rows.set(key, entry);
    }
    const list = [...rows.values()];
    const columns = new Set(defs.map((d) => d.column.label));
    const quoted = (xs: string[]) => xs.map((x) => `“${x}”`).join('');
    // one column down several rows (an identity of table 三): the column, then its rows
    if (list.length > 1 && list.length <= 4 && columns.size === 1) return `${list[0]!.table}“${[...columns][0]}”列${quoted(list.map((r) => r.row))}行`;
    const columnsOf = (r: { columns: string[] }) => (r.columns.length > 3 ? `${r.columns.length}列` : quoted(r.columns) + '列');
    if (list.length <= 2) return list.map((r) => `${r.table}“${r.row}”行${columnsOf(r)}`).join('；');
    const first = list[0]!;
    const last = list[list.length - 1]!;
    return `${first.table}自“${first.row}”至“${last.row}”共${list.length}行${defs.length}格`;
  }
  const section = finding.fingerprint?.match(/^structure\.[\w-]+:(s[1-6])$/)?.[1];
  const def = section ? SECTIONS.find((x) => x.id === section) : undefined;
  if (finding.span && text) {
    const excerpt = text.slice(finding.span[0], finding.span[1]).replace(/\s+/g, ' ').trim();
    if (excerpt) return `原文：“${excerpt.length > 60 ? excerpt.slice(0, 60) + '…' : excerpt}”`;
  }
  if (def) return `第${def.ordinal}部分“${def.title}”`;
  if (finding.fingerprint?.startsWith('meta.')) return '报告标题或末尾落款';
  return '全文';
}

export class Office {
  private readonly db: Db;

  constructor(private readonly store: OfficeHost) {
    this.db = store.db;
  }

  private all<T>(query: SQL): T[] {
    return this.db.all<T>(query);
  }

  private transaction<T>(fn: () => T): T {
    return this.db.$client.transaction(fn)();
  }

  // ───────────────────────── settings ─────────────────────────

  settings(): OfficeSettings {
    const get = (key: string) => this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
    const days = Number(get('office.rectifyDays'));
    return {
      officeName: get('office.name') ?? DEFAULT_SETTINGS.officeName,
      rectifyDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_SETTINGS.rectifyDays,
    };
  }

  setSettings(input: Partial<OfficeSettings>): OfficeSettings {
    const put = (key: string, value: string) =>
      this.db
        .insert(settings)
        .values({ key, value, updatedAt: nowIso() })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: nowIso() } })
        .run();
    if (input.officeName !== undefined) put('office.name', input.officeName.trim());
    if (input.rectifyDays !== undefined) put('office.rectifyDays', String(input.rectifyDays));
    return this.settings();
  }

  // ───────────────────────── deadlines ─────────────────────────

  /** The office's deadline rules, and the statutory defaults of the rubric. */
  deadlines(): { defaults: Record<AgencyKindId, string>; rules: { regionCode: string; kind: AgencyKindId; monthDay: string }[] } {
    const rubric = this.store.auditor.rubric?.();
    const defaults = { department: rubric?.deadlines.department ?? '01-31', government: rubric?.deadlines.government ?? '03-31' };
    const rules = this.db.select().from(deadlineRules).all().map((r) => ({ regionCode: r.regionCode, kind: r.kind, monthDay: r.monthDay }));
    return { defaults, rules };
  }

  /** Sets (or with monthDay null removes) the deadline of a kind of agency in a region subtree ('' everywhere). */
  setDeadline(regionCode: string, kind: AgencyKindId, monthDay: string | null) {
    if (monthDay === null) {
      this.db.delete(deadlineRules).where(and(eq(deadlineRules.regionCode, regionCode), eq(deadlineRules.kind, kind))).run();
    } else {
      this.db
        .insert(deadlineRules)
        .values({ regionCode, kind, monthDay })
        .onConflictDoUpdate({ target: [deadlineRules.regionCode, deadlineRules.kind], set: { monthDay } })
        .run();
    }
    return this.deadlines();
  }

  /** The deadline function of the current calendar: most specific region rule, else the default. */
  private deadlineFn(): (year: number, kind: AgencyKindId, regionCode: string | null) => string {
    const { defaults, rules } = this.deadlines();
    return (year, kind, regionCode) => {
      let best: { len: number; md: string } | null = null;
      for (const r of rules) {
        if (r.kind !== kind) continue;
        if (r.regionCode && !inScope(regionCode, r.regionCode)) continue;
        const len = r.regionCode.replace(/0+$/, '').length;
        if (!best || len > best.len) best = { len, md: r.monthDay };
      }
      return `${year + 1}-${best?.md ?? defaults[kind]}`;
    };
  }

  // ───────────────────────── roster ─────────────────────────

  hasRoster(): boolean {
    return this.all<{ n: number }>(sql`select count(*) as n from roster_units`)[0]!.n > 0;
  }

  /**
   * Imports roster rows. A name is matched to an agency through its aliases (exact, spaces ignored);
   * a name matching none but resembling one or more registered agencies is reported back, not
   * guessed; a name resembling nothing is a new unit (an agency that has not reported yet).
   * `scope`: a region-scoped user imports units of its region only.
   */
  importRoster(rows: RosterRow[], scope: string | null = null): { results: RosterResult[]; summary: RosterSummary } {
    const results = this.transaction(() => {
      const seen = new Map<number, number>();
      return rows.map((r) => {
        try {
          return this.importRow(r, scope, seen);
        } catch (e) {
          if (e instanceof RowError) return { row: r.row, status: 'error' as const, message: e.message };
          throw e;
        }
      });
    });
    const summary: RosterSummary = { added: 0, updated: 0, unchanged: 0, error: 0 };
    for (const r of results) summary[r.status]++;
    return { results, summary };
  }

  private importRow(r: RosterRow, scope: string | null, seen: Map<number, number>): RosterResult {
    // a row of a file is named (「第3行：」); a unit added on the roster page is not
    const at = r.row ? `第${r.row}行：` : '';
    const name = (r.name ?? '').trim();
    if (!name) throw new RowError(`${at}机关名称为空`);
    if (r.invalid) throw new RowError(`${at}${r.invalid}`);
    const alias = normaliseName(name);
    let region = r.regionCode ? r.regionCode.padEnd(6, '0') : null;
    if (r.regionCode && !REGION_PREFIX.test(r.regionCode)) throw new RowError(`${at}地区代码“${r.regionCode}”应为 2、4 或 6 位数字（GB/T 2260）`);
    for (const [label, y] of [
      ['自何年起应报', r.fromYear],
      ['撤并年份', r.withdrawnFrom],
    ] as const) {
      if (y !== null && y !== undefined && !(Number.isInteger(y) && y >= 2000 && y <= 2100)) throw new RowError(`${at}${label}“${y}”应为四位年份`);
    }
    if (r.url && !/^https?:\/\/\S+$/i.test(r.url.trim())) throw new RowError(`${at}年报栏目网址“${r.url}”应以 http:// 或 https:// 开头`);

    const aliasRow = this.db.select({ id: agencyAliases.agencyId }).from(agencyAliases).where(eq(agencyAliases.alias, alias)).get();
    let agencyId = aliasRow ? this.canonical(aliasRow.id) : null;
    let status: RosterResult['status'];
    if (agencyId === null) {
      const similar = this.similarAgencies(alias, region);
      if (similar.length) {
        const names = similar.slice(0, 3).map((s) => `“${s.name}”`).join('、');
        throw new RowError(
          `${at}“${name}”与已登记的${similar.length > 1 ? `${similar.length}个机关` : '机关'}${names}相近，无法确定是否为同一机关；如为同一机关，请使用已登记名称或先在机关页面添加别名，如不是，请在名称中写明全称`,
        );
      }
      region ??= regionOf(name)?.code ?? null;
      if (!region) throw new RowError(`${at}“${name}”未填写地区代码，且无法从名称识别所属地区`);
      if (scope && !inScope(region, scope)) throw new RowError(`${at}“${name}”不在您的地区范围（${scope}）内`);
      this.ensureRegion(region, regionOf(name)?.name ?? null);
      const row = this.db
        .insert(agencies)
        .values({ name, regionCode: region, level: regionLevel(region), kind: kindOfLabel(r.kindLabel, name), createdAt: nowIso() })
        .returning({ id: agencies.id })
        .get();
      agencyId = row.id;
      this.db.insert(agencyAliases).values({ alias, agencyId }).run();
      status = 'added';
    } else {
      const a = this.db.select().from(agencies).where(eq(agencies.id, agencyId)).get()!;
      if (scope && !inScope(region ?? a.regionCode, scope)) throw new RowError(`${at}“${name}”不在您的地区范围（${scope}）内`);
      const previousRow = seen.get(agencyId);
      if (previousRow !== undefined) throw new RowError(`${at}“${name}”与第${previousRow}行是同一机关（“${a.name}”），重复列出`);
      status = 'unchanged';
      const kind = r.kindLabel ? kindOfLabel(r.kindLabel, name) : a.kind;
      if ((region && region !== a.regionCode) || kind !== a.kind) {
        if (region) this.ensureRegion(region, null);
        this.db
          .update(agencies)
          .set({ regionCode: region ?? a.regionCode, level: region ? regionLevel(region) : a.level, kind })
          .where(eq(agencies.id, agencyId))
          .run();
        status = 'updated';
      }
    }
    seen.set(agencyId, r.row);
    // fields of columns the file has (undefined: the column is absent, keep what is stored)
    const given = {
      kindLabel: r.kindLabel === undefined ? undefined : r.kindLabel?.trim() || null,
      parentName: r.parentName === undefined ? undefined : r.parentName?.trim() || null,
      fromYear: r.fromYear,
      withdrawnFrom: r.withdrawnFrom,
      url: r.url === undefined ? undefined : r.url?.trim() || null,
    };
    const values: Partial<Pick<typeof rosterUnits.$inferInsert, (typeof ROSTER_FIELDS)[number]>> = {};
    if (given.kindLabel !== undefined) values.kindLabel = given.kindLabel;
    if (given.parentName !== undefined) values.parentName = given.parentName;
    if (given.fromYear !== undefined) values.fromYear = given.fromYear;
    if (given.withdrawnFrom !== undefined) values.withdrawnFrom = given.withdrawnFrom;
    if (given.url !== undefined) values.url = given.url;
    const existing = this.db.select().from(rosterUnits).where(eq(rosterUnits.agencyId, agencyId)).get();
    if (!existing) {
      this.db.insert(rosterUnits).values({ agencyId, ...values, updatedAt: nowIso() }).run();
      if (status === 'unchanged') status = 'updated';
    } else if (ROSTER_FIELDS.some((k) => k in values && existing[k] !== values[k])) {
      this.db.update(rosterUnits).set({ ...values, updatedAt: nowIso() }).where(eq(rosterUnits.agencyId, agencyId)).run();
      if (status === 'unchanged') status = 'updated';
    }
    const agency = this.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).get()!;
    return { row: r.row, status, agency };
  }

  /** Adds one unit to the roster (on the roster page): matched and checked as a row of a roster file. */
  addUnit(input: Omit<RosterRow, 'row' | 'invalid'>, scope: string | null = null): RosterResult {
    return this.transaction(() => {
      this.materialiseRoster();
      try {
        return this.importRow({ ...input, row: 0 }, scope, new Map());
      } catch (e) {
        if (e instanceof RowError) return { row: 0, status: 'error' as const, message: e.message };
        throw e;
      }
    });
  }

  /** Edits a unit of the roster (on the roster page): years, exemption, URL; a new name becomes an alias. */
  updateUnit(
    agencyId: number,
    input: { name?: string; fromYear?: number | null; withdrawnFrom?: number | null; exemptFrom?: number | null; url?: string | null },
  ): { ok: true } | { ok: false; code: string; message: string } {
    return this.transaction(() => {
      const id = this.canonical(agencyId);
      if (id === null) return { ok: false as const, code: 'not-found', message: `未找到编号为 ${agencyId} 的机关` };
      this.materialiseRoster();
      if (input.name) {
        const alias = normaliseName(input.name);
        const owner = this.db.select({ id: agencyAliases.agencyId }).from(agencyAliases).where(eq(agencyAliases.alias, alias)).get();
        if (owner && this.canonical(owner.id) !== id)
          return { ok: false as const, code: 'alias-taken', message: `名称“${input.name}”已属于另一机关，如为同一机关请合并` };
        if (!owner) this.db.insert(agencyAliases).values({ alias, agencyId: id }).run();
        this.db.update(agencies).set({ name: input.name.trim() }).where(eq(agencies.id, id)).run();
      }
      const { name: _name, ...rest } = input;
      const existing = this.db.select().from(rosterUnits).where(eq(rosterUnits.agencyId, id)).get();
      if (existing) this.db.update(rosterUnits).set({ ...rest, updatedAt: nowIso() }).where(eq(rosterUnits.agencyId, id)).run();
      else this.db.insert(rosterUnits).values({ agencyId: id, ...rest, updatedAt: nowIso() }).run();
      return { ok: true as const };
    });
  }

  /**
   * Without a roster the units that reported in some year are the roster: a first edit on the page
   * writes them down, so that adding or changing one unit does not drop all the others.
   */
  private materialiseRoster() {
    if (this.hasRoster()) return;
    this.db.run(sql`
      insert into roster_units (agency_id, updated_at)
      select a.id, ${nowIso()} from agencies a
      where a.merged_into is null and exists (select 1 from reports x where x.agency_id = a.id and x.current = 1)`);
  }

  /** Records (or with null clears) the 报送日期 of a unit's report of a year. */
  setFiling(agencyId: number, year: number, filedOn: string | null): { ok: true } | { ok: false; code: string; message: string } {
    const id = this.canonical(agencyId);
    if (id === null) return { ok: false, code: 'not-found', message: `未找到编号为 ${agencyId} 的机关` };
    if (filedOn === null) {
      this.db.delete(filings).where(and(eq(filings.agencyId, id), eq(filings.year, year))).run();
    } else {
      this.db
        .insert(filings)
        .values({ agencyId: id, year, filedOn, updatedAt: nowIso() })
        .onConflictDoUpdate({ target: [filings.agencyId, filings.year], set: { filedOn, updatedAt: nowIso() } })
        .run();
    }
    return { ok: true };
  }

  private canonical(id: number): number | null {
    let cur: number | null = id;
    for (let i = 0; cur !== null && i < 20; i++) {
      const row = this.db.select({ id: agencies.id, mergedInto: agencies.mergedInto }).from(agencies).where(eq(agencies.id, cur)).get();
      if (!row) return null;
      if (row.mergedInto === null) return row.id;
      cur = row.mergedInto;
    }
    return cur;
  }

  /** Registered agencies whose names resemble `alias` (one contains the other, or close by bigrams). */
  private similarAgencies(alias: string, region: string | null): { id: number; name: string }[] {
    const rows = this.all<{ id: number; name: string; alias: string; region_code: string | null }>(sql`
      select a.id, a.name, aa.alias, a.region_code from agency_aliases aa join agencies a on a.id = aa.agency_id
      where a.merged_into is null and a.demo = 0 ${region ? sql`and (a.region_code is null or a.region_code = ${region})` : sql``}`);
    const out = new Map<number, string>();
    for (const r of rows) {
      const shorter = r.alias.length < alias.length ? r.alias : alias;
      const longer = shorter === alias ? r.alias : alias;
      const contains = shorter.length >= 4 && longer.includes(shorter);
      if (contains || dice(alias, r.alias) >= 0.75) out.set(r.id, r.name);
    }
    return [...out].map(([id, name]) => ({ id, name }));
  }

  private ensureRegion(code: string, fullName: string | null) {
    const names = lineageNames(code, fullName);
    names.forEach((r, i) =>
      this.db
        .insert(regions)
        .values({ code: r.code, name: r.name, parentCode: i ? names[i - 1]!.code : null, level: regionLevel(r.code) })
        .onConflictDoNothing()
        .run(),
    );
  }

  // ───────────────────────── status per unit and year ─────────────────────────

  /**
   * Each unit's status for a year as of a cut-off date. The units are the roster's; without a
   * roster, every agency that has reported in some year. A unit owes a report from its roster's
   * 自何年起应报, else from its first report (a unit of the roster that never reported owes every
   * year), until its 撤并年份; 免报 from its exemption year.
   */
  status(filter: StatusFilter): { year: number; asOf: string; source: 'roster' | 'reports'; total: number; items: UnitStatusItem[] } {
    const year = filter.year ?? this.store.queries.latestYear() ?? new Date().getUTCFullYear() - 1;
    const asOf = filter.asOf ?? today();
    const roster = this.hasRoster();
    const deadline = this.deadlineFn();
    // the demo province (示例数据) is never a unit the office has to chase, report on or rank: it is
    // shown only when asked (the dashboard's switch)
    const conds: SQL[] = [sql`a.merged_into is null`];
    if (!filter.demo) conds.push(sql`a.demo = 0`);
    if (filter.region) conds.push(inRegionSql(filter.region, sql`a.region_code`));
    if (!roster) conds.push(sql`exists (select 1 from reports x where x.agency_id = a.id and x.current = 1)`);
    const rows = this.all<{
      id: number;
      name: string;
      kind: AgencyKindId;
      region_code: string | null;
      region_name: string | null;
      unit_id: number | null;
      from_year: number | null;
      withdrawn_from: number | null;
      exempt_from: number | null;
      url: string | null;
      parent_name: string | null;
      first_year: number | null;
      report_id: number | null;
      published_on: string | null;
      ingested_at: string | null;
      score: number | null;
      grade: Grade | null;
      filed_on: string | null;
    }>(sql`
      select a.id, a.name, a.kind, a.region_code, g.name as region_name,
             u.agency_id as unit_id, u.from_year, u.withdrawn_from, u.exempt_from, u.url, u.parent_name,
             (select min(x.year) from reports x where x.agency_id = a.id and x.current = 1) as first_year,
             r.id as report_id, r.published_on, r.ingested_at, r.score, r.grade, f.filed_on
      from agencies a
      ${roster ? sql`join` : sql`left join`} roster_units u on u.agency_id = a.id
      left join regions g on g.code = a.region_code
      left join reports r on r.agency_id = a.id and r.year = ${year} and r.current = 1
      left join filings f on f.agency_id = a.id and f.year = ${year}
      where ${sql.join(conds, sql` and `)}
      order by a.region_code, a.name, a.id`);
    const items: UnitStatusItem[] = [];
    for (const r of rows) {
      const reportId = r.report_id === null ? null : num(r.report_id);
      const publishedOn = r.published_on ?? null;
      const filedOn = r.filed_on ?? null;
      // a report published after the cut-off was not yet there
      const present = reportId !== null && (publishedOn === null || publishedOn <= asOf);
      const owedFrom = r.from_year !== null ? num(r.from_year) : r.first_year !== null ? num(r.first_year) : -Infinity;
      const withdrawn = r.withdrawn_from !== null && year >= num(r.withdrawn_from);
      if (reportId === null && (year < owedFrom || withdrawn)) continue;
      const kind = r.kind;
      const code = r.region_code ?? null;
      const due = deadline(year, kind, code);
      let status: UnitStatus;
      let daysLate: number | null = null;
      if (present) {
        const on = publishedOn ?? filedOn;
        // no date known: not the agency's fault (time.unknown is a prompt to check, not a lateness)
        if (on && on > due) {
          status = 'late';
          daysLate = daysBetween(due, on);
        } else {
          status = 'on-time';
          daysLate = 0;
        }
      } else if (r.exempt_from !== null && year >= num(r.exempt_from)) status = 'exempt';
      else status = asOf > due ? 'missing' : 'not-due';
      if (filter.status && filter.status !== status) continue;
      items.push({
        agency: { id: num(r.id), name: String(r.name), region: code ? { code, name: r.region_name ?? code } : null, kind },
        year,
        status,
        deadline: due,
        publishedOn: present ? publishedOn : null,
        filedOn,
        daysLate,
        reportId: present ? reportId : null,
        score: present && r.score !== null ? num(r.score) : null,
        grade: present ? (r.grade ?? null) : null,
        unit:
          r.unit_id === null
            ? null
            : {
                fromYear: r.from_year === null ? null : num(r.from_year),
                withdrawnFrom: r.withdrawn_from === null ? null : num(r.withdrawn_from),
                exemptFrom: r.exempt_from === null ? null : num(r.exempt_from),
                url: r.url ?? null,
                parentName: r.parent_name ?? null,
              },
      });
    }
    return { year, asOf, source: roster ? 'roster' : 'reports', total: items.length, items };
  }

  /**
   * The 未报送 units of a year as of `asOf`, as the overview lists them (at most 100): the roster's, or
   * without one the units that have reported in some year, none of them before its first report.
   */
  missingUnits(filter: { year: number; region?: string; kind?: AgencyKindId; asOf?: string; demo?: boolean }) {
    const missing = this.status({ year: filter.year, region: filter.region, asOf: filter.asOf, demo: filter.demo }).items.filter(
      (i) => i.status === 'missing' && (!filter.kind || i.agency.kind === filter.kind),
    );
    const ids = missing.slice(0, 100).map((i) => i.agency.id);
    const rows = ids.length
      ? this.all<{ id: number; level: RegionLevel | null; demo: number; last_year: number | null }>(sql`
          select a.id, a.level, a.demo, (select max(x.year) from reports x where x.agency_id = a.id and x.current = 1) as last_year
          from agencies a where a.id in ${ids}`)
      : [];
    const byId = new Map(rows.map((r) => [num(r.id), r]));
    return {
      count: missing.length,
      items: missing.slice(0, 100).map((i) => {
        const r = byId.get(i.agency.id)!;
        const code = i.agency.region?.code ?? null;
        return {
          id: i.agency.id,
          name: i.agency.name,
          region: i.agency.region,
          kind: i.agency.kind,
          level: code ? (r.level ?? regionLevel(code)) : null,
          demo: num(r.demo) === 1,
          lastYear: r.last_year === null ? null : num(r.last_year),
        };
      }),
    };
  }

  // ───────────────────────── notices and rectification ─────────────────────────

  /**
   * The 问题清单 of a report: its findings that are errors or warnings, without those a reviewer
   * dismissed (with `confirmedOnly`, only those a reviewer confirmed), each with the points it cost
   * (a rule's deduction shared among its findings), where it is, and what to do.
   */
  noticeItems(reportId: number, options: { confirmedOnly?: boolean } = {}): NoticeItem[] | null {
    const report = this.store.queries.report(reportId);
    if (!report) return null;
    const text = this.store.queries.source(reportId)?.text ?? null;
    const points = new Map<number, number>();
    for (const d of report.score?.deductions ?? []) {
      for (const i of d.findings) points.set(i, (points.get(i) ?? 0) + d.points / d.findings.length);
    }
    const items: NoticeItem[] = [];
    report.findings.forEach((f, i) => {
      // 逾期未改 judges the unit's follow-up of a notice, not the report: it is no item of one
      if (f.severity === 'info' || !f.fingerprint || f.rule.startsWith('rectification.')) return;
      if (f.review?.decision === 'dismiss') return;
      if (options.confirmedOnly && f.review?.decision !== 'confirm') return;
      items.push({
        ordinal: items.length + 1,
        fingerprint: f.fingerprint,
        rule: f.rule,
        category: CATEGORY_LABEL[f.category],
        message: f.message,
        location: locationOf(f, report.template, text),
        points: round2(points.get(i) ?? 0),
        requirement: requirementOf(f.rule),
      });
    });
    return items;
  }

  /**
   * The notice of a report. With `open`, the agency's case for the year is opened (once: a later
   * notice keeps the case, with its items, and may move its 整改期限).
   */
  async notice(reportId: number, options: { confirmedOnly?: boolean; dueOn?: string; issuedOn?: string; open?: boolean } = {}): Promise<NoticeData | null> {
    const items = this.noticeItems(reportId, options);
    if (!items) return null;
    let report = this.store.queries.report(reportId)!;
    const s = this.settings();
    const issuedOn = options.issuedOn ?? today();
    let dueOn = options.dueOn ?? addDays(issuedOn, s.rectifyDays);
    let caseId: number | null = null;
    const existing = this.db
      .select()
      .from(rectificationCases)
      .where(and(eq(rectificationCases.agencyId, report.agencyId), eq(rectificationCases.year, report.year!)))
      .get();
    if (existing) {
      caseId = existing.id;
      if (options.dueOn && options.open && options.dueOn !== existing.dueOn) {
        this.db.update(rectificationCases).set({ dueOn: options.dueOn }).where(eq(rectificationCases.id, existing.id)).run();
        if (await this.store.reauditCurrent(report.agencyId, report.year!)) report = this.store.queries.report(reportId)!;
      } else dueOn = existing.dueOn;
    } else if (options.open) {
      caseId = this.transaction(() => {
        const c = this.db
          .insert(rectificationCases)
          .values({ agencyId: report.agencyId, year: report.year!, reportId, issuedOn, dueOn, createdAt: nowIso() })
          .returning({ id: rectificationCases.id })
          .get();
        for (const it of items) this.db.insert(rectificationItems).values({ caseId: c.id, ...it }).run();
        return c.id;
      });
      // a 整改期限 already past charges 逾期未改 at once
      if (await this.store.reauditCurrent(report.agencyId, report.year!)) report = this.store.queries.report(reportId)!;
    }
    return {
      reportId,
      agency: { id: report.registeredAgency.id, name: report.registeredAgency.name },
      year: report.year!,
      score: report.score?.total ?? null,
      grade: report.score?.grade ?? null,
      officeName: s.officeName,
      issuedOn: existing?.issuedOn ?? issuedOn,
      dueOn,
      items,
      caseId,
    };
  }

  /** Current reports of a year (under a region, of a grade): the units a bulk notice goes to. */
  reportsFor(filter: { year: number; region?: string; grade?: Grade }): number[] {
    const conds: SQL[] = [sql`r.current = 1`, sql`r.year = ${filter.year}`, sql`r.demo = 0`];
    if (filter.region) conds.push(inRegionSql(filter.region, sql`a.region_code`));
    if (filter.grade) conds.push(sql`r.grade = ${filter.grade}`);
    return this.all<{ id: number }>(sql`
      select r.id from reports r join agencies a on a.id = r.agency_id
      where ${sql.join(conds, sql` and `)} order by a.region_code, a.name`).map((r) => num(r.id));
  }

  /**
   * Rectification cases with their items' status as of `asOf`: 已整改 where a newer version of the
   * report lacks the finding, 逾期未改 where the 整改期限 has passed, else 待整改. A case is 已整改 when
   * every item is, 逾期未改 when any item is.
   */
  cases(filter: { year?: number; region?: string; status?: ItemStatus; asOf?: string; agencyId?: number }): { total: number; items: RectificationCase[] } {
    const asOf = filter.asOf ?? today();
    const conds: SQL[] = [sql`1 = 1`];
    if (filter.year !== undefined) conds.push(sql`c.year = ${filter.year}`);
    if (filter.region) conds.push(inRegionSql(filter.region, sql`a.region_code`));
    if (filter.agencyId !== undefined) conds.push(sql`c.agency_id = ${filter.agencyId}`);
    const caseRows = this.all<{
      id: number;
      agency_id: number;
      year: number;
      report_id: number;
      issued_on: string;
      due_on: string;
      name: string;
      region_code: string | null;
      region_name: string | null;
      base_version: number;
      current_id: number | null;
      current_version: number | null;
      current_ingested_at: string | null;
    }>(sql`
      select c.id, c.agency_id, c.year, c.report_id, c.issued_on, c.due_on, a.name, a.region_code, g.name as region_name,
             base.version as base_version,
             cur.id as current_id, cur.version as current_version, cur.ingested_at as current_ingested_at
      from rectification_cases c
      join agencies a on a.id = c.agency_id
      left join regions g on g.code = a.region_code
      join reports base on base.id = c.report_id
      left join reports cur on cur.agency_id = c.agency_id and cur.year = c.year and cur.current = 1
      where ${sql.join(conds, sql` and `)}
      order by c.year desc, a.region_code, a.name`);
    const out: RectificationCase[] = [];
    for (const c of caseRows) {
      const caseId = num(c.id);
      const currentId = c.current_id === null ? null : num(c.current_id);
      const newer = currentId !== null && num(c.current_version) > num(c.base_version);
      const present = newer
        ? new Set(this.all<{ fingerprint: string }>(sql`select fingerprint from findings where report_id = ${currentId}`).map((f) => f.fingerprint))
        : null;
      const overdue = asOf > String(c.due_on);
      const items: CaseItem[] = this.db
        .select()
        .from(rectificationItems)
        .where(eq(rectificationItems.caseId, caseId))
        .orderBy(rectificationItems.ordinal)
        .all()
        .map((it) => {
          const fixed = present !== null && !present.has(it.fingerprint);
          return {
            ordinal: it.ordinal,
            fingerprint: it.fingerprint,
            rule: it.rule,
            category: it.category,
            message: it.message,
            location: it.location,
            points: it.points,
            requirement: it.requirement,
            status: fixed ? 'fixed' : overdue ? 'overdue' : 'pending',
            fixedReportId: fixed ? currentId : null,
            fixedOn: fixed ? String(c.current_ingested_at).slice(0, 10) : null,
          };
        });
      const status: ItemStatus = items.every((i) => i.status === 'fixed') ? 'fixed' : items.some((i) => i.status === 'overdue') ? 'overdue' : 'pending';
      if (filter.status && filter.status !== status) continue;
      const code = c.region_code ?? null;
      out.push({
        id: caseId,
        agency: { id: num(c.agency_id), name: String(c.name), region: code ? { code, name: c.region_name ?? code } : null },
        year: num(c.year),
        reportId: num(c.report_id),
        currentReportId: currentId,
        issuedOn: String(c.issued_on),
        dueOn: String(c.due_on),
        status,
        items,
      });
    }
    return { total: out.length, items: out };
  }

  /** Open items of an agency's case for a year past its 整改期限 as of `asOf` (the 逾期未改 rule's input). */
  overdueItems(agencyId: number, year: number, asOf = today()): { dueOn: string; open: number } | null {
    const c = this.cases({ agencyId, year, asOf }).items[0];
    if (!c || c.status !== 'overdue') return null;
    return { dueOn: c.dueOn, open: c.items.filter((i) => i.status === 'overdue').length };
  }

  // ───────────────────────── bulletin and regional rankings ─────────────────────────

  /** The figures of a 通报: the units' status as of the cut-off, grades, the best and failing, main problems. */
  bulletin(filter: { year?: number; region?: string; asOf?: string }) {
    const st = this.status({ year: filter.year, region: filter.region, asOf: filter.asOf });
    const count = (s: UnitStatus) => st.items.filter((i) => i.status === s).length;
    const published = st.items.filter((i) => i.reportId !== null);
    const scored = published.filter((i) => i.score !== null);
    const grades = recordOf(GRADES, (g) => scored.filter((i) => i.grade === g).length);
    const byScore = (a: UnitStatusItem, b: UnitStatusItem) => (b.score ?? 0) - (a.score ?? 0) || a.agency.name.localeCompare(b.agency.name, 'zh');
    const unit = (i: UnitStatusItem) => ({ agency: i.agency, reportId: i.reportId, score: i.score, grade: i.grade, publishedOn: i.publishedOn, daysLate: i.daysLate, deadline: i.deadline });
    // main problems: rules broken by the published reports, by how many units, most first
    const ids = published.map((i) => i.reportId!);
    const problems = ids.length
      ? this.all<{ rule: string; n: number }>(sql`
          select f.rule, count(distinct f.report_id) as n from findings f
          where f.report_id in ${ids} and f.severity <> 'info'
            and not exists (select 1 from reports r join review_decisions d on d.agency_id = r.agency_id and d.year = r.year
                            where r.id = f.report_id and d.fingerprint = f.fingerprint and d.decision = 'dismiss')
          group by f.rule order by n desc, f.rule`)
      : [];
    const description = this.ruleDescriptions();
    // the year before, as it stands on the cut-off: its on-time rate and score, and how its notices were followed up
    const before = this.status({ year: st.year - 1, region: filter.region, asOf: st.asOf });
    const beforeDue = before.items.filter((i) => i.status === 'on-time' || i.status === 'late' || i.status === 'missing');
    const beforeScored = before.items.filter((i) => i.reportId !== null && i.score !== null);
    const beforeCases = this.cases({ year: st.year - 1, region: filter.region, asOf: st.asOf }).items;
    const beforeItems = beforeCases.flatMap((c) => c.items);
    // only a year whose reports were collected compares (a never-reported unit "owes" every year before too)
    const previous = beforeDue.length && before.items.some((i) => i.reportId !== null)
      ? {
          year: st.year - 1,
          onTimeRate: round2(beforeDue.filter((i) => i.status === 'on-time').length / beforeDue.length),
          averageScore: beforeScored.length ? round2(beforeScored.reduce((s, i) => s + i.score!, 0) / beforeScored.length) : null,
          cases: beforeCases.length,
          items: beforeItems.length,
          itemsFixed: beforeItems.filter((i) => i.status === 'fixed').length,
          casesOverdue: beforeCases.filter((c) => c.status === 'overdue').length,
        }
      : null;
    const due = st.items.filter((i) => i.status === 'on-time' || i.status === 'late' || i.status === 'missing');
    return {
      year: st.year,
      asOf: st.asOf,
      source: st.source,
      regionName: this.store.queries.regionName(filter.region),
      officeName: this.settings().officeName,
      figures: {
        units: st.items.filter((i) => i.status !== 'exempt').length,
        published: published.length,
        onTime: count('on-time'),
        late: count('late'),
        missing: count('missing'),
        notDue: count('not-due'),
        exempt: count('exempt'),
        grades,
        averageScore: scored.length ? round2(scored.reduce((s, i) => s + i.score!, 0) / scored.length) : null,
        onTimeRate: due.length ? round2(count('on-time') / due.length) : null,
        previous,
      },
      excellent: scored.filter((i) => i.grade === '优秀').sort(byScore).map(unit),
      failing: scored.filter((i) => i.grade === '不合格').sort(byScore).reverse().map(unit),
      missing: st.items.filter((i) => i.status === 'missing').map(unit),
      late: st.items.filter((i) => i.status === 'late').sort((a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0)).map(unit),
      problems: problems.slice(0, 8).map((p) => ({ rule: p.rule, description: description.get(p.rule) ?? p.rule, units: num(p.n) })),
    };
  }

  /**
   * The loop across years (on the overview): per report year, the share of units due that published
   * on time, late or not at all as of `asOf`; the notices sent and how much of them was fixed; and the
   * share of published reports with a fault of each category.
   */
  loopTrends(filter: { region?: string; asOf?: string }) {
    const asOf = filter.asOf ?? today();
    const years = this.all<{ year: number }>(sql`
      select distinct r.year from reports r join agencies a on a.id = r.agency_id
      where r.current = 1 and a.merged_into is null ${filter.region ? sql`and ${inRegionSql(filter.region, sql`a.region_code`)}` : sql``}
      order by r.year`).map((r) => num(r.year));
    let source: 'roster' | 'reports' = 'reports';
    const items = years.map((year) => {
      const st = this.status({ year, region: filter.region, asOf });
      source = st.source;
      const count = (s: UnitStatus) => st.items.filter((i) => i.status === s).length;
      const onTime = count('on-time');
      const late = count('late');
      const missing = count('missing');
      const due = onTime + late + missing;
      const rate = (n: number, of: number) => (of ? round2(n / of) : null);
      const cases = this.cases({ year, region: filter.region, asOf }).items;
      const caseItems = cases.flatMap((c) => c.items);
      const fixed = caseItems.filter((i) => i.status === 'fixed').length;
      const published = st.items.filter((i) => i.reportId !== null).map((i) => i.reportId!);
      const byCategory = new Map<string, number>();
      if (published.length) {
        for (const r of this.all<{ category: string; n: number }>(sql`
          select f.category, count(distinct f.report_id) as n from findings f
          where f.report_id in ${published} and f.severity <> 'info'
            and not exists (select 1 from reports r join review_decisions d on d.agency_id = r.agency_id and d.year = r.year
                            where r.id = f.report_id and d.fingerprint = f.fingerprint and d.decision = 'dismiss')
          group by f.category`))
          byCategory.set(r.category, num(r.n));
      }
      return {
        year,
        units: st.items.filter((i) => i.status !== 'exempt').length,
        published: published.length,
        onTime,
        late,
        missing,
        notDue: count('not-due'),
        onTimeRate: rate(onTime, due),
        lateRate: rate(late, due),
        missingRate: rate(missing, due),
        cases: cases.length,
        casesFixed: cases.filter((c) => c.status === 'fixed').length,
        casesOverdue: cases.filter((c) => c.status === 'overdue').length,
        items: caseItems.length,
        itemsFixed: fixed,
        rectificationRate: rate(fixed, caseItems.length),
        problems: CATEGORIES.map((category) => ({
          category,
          units: byCategory.get(category) ?? 0,
          share: rate(byCategory.get(category) ?? 0, published.length),
        })),
      };
    });
    return { asOf, source, items };
  }

  private ruleDescriptions(): Map<string, string> {
    return new Map(auditRules.map((r) => [r.meta.id, r.meta.description]));
  }

  /**
   * One row per child region of `region` (provinces without one; 设区市 under a province; 县区 under a
   * city; a municipality's districts directly), with the region's own agencies as 本级.
   */
  regionRankings(filter: { year?: number; region?: string; asOf?: string }) {
    const st = this.status({ year: filter.year, region: filter.region, asOf: filter.asOf });
    const root = filter.region ? filter.region.padEnd(6, '0') : null;
    const childOf = (code: string | null): string | null => {
      if (!code) return null;
      const line = lineage(code);
      if (!root) return line[0] ?? null;
      const i = line.indexOf(root);
      return i < 0 ? null : (line[i + 1] ?? root);
    };
    const groups = new Map<string, UnitStatusItem[]>();
    for (const it of st.items) {
      const child = childOf(it.agency.region?.code ?? null) ?? '';
      const list = groups.get(child) ?? [];
      list.push(it);
      groups.set(child, list);
    }
    const names = new Map(this.all<{ code: string; name: string }>(sql`select code, name from regions`).map((r) => [r.code, r.name]));
    const rows = [...groups].map(([code, list]) => {
      const due = list.filter((i) => i.status !== 'exempt' && i.status !== 'not-due');
      const published = list.filter((i) => i.reportId !== null);
      const scored = published.filter((i) => i.score !== null);
      const onTime = list.filter((i) => i.status === 'on-time').length;
      return {
        region: code ? { code, name: names.get(code) ?? code, own: code === root } : null,
        units: list.filter((i) => i.status !== 'exempt').length,
        reports: published.length,
        onTime,
        late: list.filter((i) => i.status === 'late').length,
        missing: list.filter((i) => i.status === 'missing').length,
        onTimeRate: due.length ? round2(onTime / due.length) : null,
        averageScore: scored.length ? round2(scored.reduce((s, i) => s + i.score!, 0) / scored.length) : null,
        grades: recordOf(GRADES, (g) => scored.filter((i) => i.grade === g).length),
      };
    });
    rows.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1) || (a.region?.code ?? '').localeCompare(b.region?.code ?? ''));
    return {
      year: st.year,
      asOf: st.asOf,
      region: root ? { code: root, name: names.get(root) ?? root, parent: parentCode(root) } : null,
      items: rows.map((r, i) => ({ rank: r.averageScore === null ? null : i + 1, ...r })),
    };
  }
}

class RowError extends Error {}
