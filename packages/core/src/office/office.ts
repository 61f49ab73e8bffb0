/**
 * The office's yearly loop (issue 13): the roster of units that must report and its import,
 * deadlines and each unit's status for a year (on time, late, missing, not yet due, exempt), the
 * 问题清单 of a 整改通知书, rectification cases and their items, the figures of a 通报 and the
 * rankings by subordinate region. It reads and writes through the storage interface
 * (`storage.office`, office/storage.ts; a write in a transaction) and the report reads of the queries.
 *
 * A rectification item is 已整改 when a newer version of the same report (a re-ingest) no longer has
 * its finding: that is read off the stored findings whenever cases are listed, so no ingest path has
 * to remember to close items.
 */
import { rules as auditRules, type Rubric } from '@nianbao/audit';
import { inScope, lineage, lineageNames, normaliseName, parentCode, regionLevel, type ReadQueries } from '@nianbao/db';
import { CATEGORIES, GRADES, recordOf, type AgencyKindId, type GradeName, type ItemStatusId, type UnitStatusId } from '@nianbao/model';
import { regionOf } from '@nianbao/parser';
import type { Storage } from '../storage';
import type { CaseItemRow } from './storage';
import { noticeItemsOf, round2, type NoticeData, type NoticeItem } from './notice';
import { checkRow, givenFields, kindOfLabel, ROSTER_FIELDS, rowLabel, RowError, similarAgencies, type RosterResult, type RosterRow, type RosterSummary } from './roster';
import { addDays, deadlineOf, nowIso, overdueOf, today, unitStatus, type Deadlines, type UnitStatusItem } from './status';

/**
 * What the office's loop uses of the application's store: its storage and report reads, the rubric
 * in force, and the re-audit of a unit's current report once its case is opened or its 整改期限 moves.
 */
export interface OfficeHost {
  readonly storage: Storage;
  readonly queries: ReadQueries;
  readonly auditor: { rubric?: () => Rubric };
  reauditCurrent(agencyId: number, year: number): Promise<boolean>;
}

export interface StatusFilter {
  year?: number;
  region?: string;
  status?: UnitStatusId;
  /** The cut-off date (YYYY-MM-DD): reports published after it count as not yet published. */
  asOf?: string;
  /** With the demo province (示例数据): only when the dashboard's switch shows it. */
  demo?: boolean;
}

export interface UnitStatusList {
  year: number;
  asOf: string;
  /** `roster`: the imported 应报送名单; `reports`: none imported, the units that reported in some year. */
  source: 'roster' | 'reports';
  total: number;
  items: UnitStatusItem[];
}

export interface OfficeSettings {
  /** The office's name, the 落款 of notices and 通报. */
  officeName: string;
  /** Days from a notice to its 整改期限 by default. */
  rectifyDays: number;
}

const DEFAULT_SETTINGS: OfficeSettings = { officeName: '政务公开工作主管部门', rectifyDays: 30 };

export interface CaseItem extends NoticeItem {
  status: ItemStatusId;
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
  status: ItemStatusId;
  items: CaseItem[];
}

export type Outcome = { ok: true } | { ok: false; code: string; message: string };

const notFound = (agencyId: number): Outcome => ({ ok: false, code: 'not-found', message: `未找到编号为 ${agencyId} 的机关` });
const average = (xs: number[]) => (xs.length ? round2(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const rate = (n: number, of: number) => (of ? round2(n / of) : null);
const isDue = (i: UnitStatusItem) => i.status === 'on-time' || i.status === 'late' || i.status === 'missing';
const scoresOf = (items: UnitStatusItem[]) => items.flatMap((i) => (i.reportId !== null && i.score !== null ? [i.score] : []));

export class Office {
  constructor(private readonly host: OfficeHost) {}

  private get storage(): Storage {
    return this.host.storage;
  }

  // ───────────────────────── settings ─────────────────────────

  async settings(): Promise<OfficeSettings> {
    const days = Number(await this.storage.setting('office.rectifyDays'));
    return {
      officeName: (await this.storage.setting('office.name')) ?? DEFAULT_SETTINGS.officeName,
      rectifyDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_SETTINGS.rectifyDays,
    };
  }

  async setSettings(input: Partial<OfficeSettings>): Promise<OfficeSettings> {
    await this.storage.withTransaction(async (tx) => {
      if (input.officeName !== undefined) await tx.upsertSetting('office.name', input.officeName.trim(), nowIso());
      if (input.rectifyDays !== undefined) await tx.upsertSetting('office.rectifyDays', String(input.rectifyDays), nowIso());
    });
    return this.settings();
  }

  // ───────────────────────── deadlines ─────────────────────────

  /** The office's deadline rules, and the statutory defaults of the rubric. */
  async deadlines(): Promise<Deadlines> {
    const rubric = this.host.auditor.rubric?.();
    const defaults = { department: rubric?.deadlines.department ?? '01-31', government: rubric?.deadlines.government ?? '03-31' };
    return { defaults, rules: await this.storage.office.deadlineRules() };
  }

  /** Sets (or with monthDay null removes) the deadline of a kind of agency in a region subtree ('' everywhere). */
  async setDeadline(regionCode: string, kind: AgencyKindId, monthDay: string | null): Promise<Deadlines> {
    await this.storage.withTransaction((tx) =>
      monthDay === null ? tx.office.deleteDeadline(regionCode, kind) : tx.office.upsertDeadline({ regionCode, kind, monthDay }),
    );
    return this.deadlines();
  }

  // ───────────────────────── roster ─────────────────────────

  /**
   * Imports roster rows. A name is matched to an agency through its aliases (exact, spaces ignored);
   * a name matching none but resembling one or more registered agencies is reported back, not
   * guessed; a name resembling nothing is a new unit (an agency that has not reported yet).
   * `scope`: a region-scoped user imports units of its region only.
   */
  async importRoster(rows: RosterRow[], scope: string | null = null): Promise<{ results: RosterResult[]; summary: RosterSummary }> {
    const results = await this.storage.withTransaction(async (tx) => {
      const seen = new Map<number, number>();
      const out: RosterResult[] = [];
      for (const r of rows) out.push(await this.importRowOrError(tx, r, scope, seen));
      return out;
    });
    const summary: RosterSummary = { added: 0, updated: 0, unchanged: 0, error: 0 };
    for (const r of results) summary[r.status]++;
    return { results, summary };
  }

  /** Adds one unit to the roster (on the roster page): matched and checked as a row of a roster file. */
  addUnit(input: Omit<RosterRow, 'row' | 'invalid'>, scope: string | null = null): Promise<RosterResult> {
    return this.storage.withTransaction(async (tx) => {
      await this.materialiseRoster(tx);
      return this.importRowOrError(tx, { ...input, row: 0 }, scope, new Map());
    });
  }

  private async importRowOrError(tx: Storage, r: RosterRow, scope: string | null, seen: Map<number, number>): Promise<RosterResult> {
    try {
      return await this.importRow(tx, r, scope, seen);
    } catch (e) {
      if (e instanceof RowError) return { row: r.row, status: 'error', message: e.message };
      throw e;
    }
  }

  private async importRow(tx: Storage, r: RosterRow, scope: string | null, seen: Map<number, number>): Promise<RosterResult> {
    const at = rowLabel(r);
    const checked = checkRow(r);
    const { name, alias } = checked;
    let region = checked.region;
    const owner = await tx.agencyOfAlias(alias);
    let agencyId = owner === undefined ? null : ((await tx.canonicalAgency(owner)) ?? null);
    let status: RosterResult['status'];
    if (agencyId === null) {
      const similar = similarAgencies(alias, await tx.office.aliases(region));
      if (similar.length) {
        const names = similar.slice(0, 3).map((s) => `“${s.name}”`).join('、');
        throw new RowError(
          `${at}“${name}”与已登记的${similar.length > 1 ? `${similar.length}个机关` : '机关'}${names}相近，无法确定是否为同一机关；如为同一机关，请使用已登记名称或先在机关页面添加别名，如不是，请在名称中写明全称`,
        );
      }
      region ??= regionOf(name)?.code ?? null;
      if (!region) throw new RowError(`${at}“${name}”未填写地区代码，且无法从名称识别所属地区`);
      if (scope && !inScope(region, scope)) throw new RowError(`${at}“${name}”不在您的地区范围（${scope}）内`);
      await this.ensureRegion(tx, region, regionOf(name)?.name ?? null);
      agencyId = await tx.insertAgency({ name, regionCode: region, level: regionLevel(region), kind: kindOfLabel(r.kindLabel, name), createdAt: nowIso(), demo: false });
      await tx.insertAlias(alias, agencyId);
      status = 'added';
    } else {
      const a = (await tx.office.agencyDetail(agencyId))!;
      if (scope && !inScope(region ?? a.regionCode, scope)) throw new RowError(`${at}“${name}”不在您的地区范围（${scope}）内`);
      const previousRow = seen.get(agencyId);
      if (previousRow !== undefined) throw new RowError(`${at}“${name}”与第${previousRow}行是同一机关（“${a.name}”），重复列出`);
      status = 'unchanged';
      const kind = r.kindLabel ? kindOfLabel(r.kindLabel, name) : a.kind;
      if ((region && region !== a.regionCode) || kind !== a.kind) {
        if (region) await this.ensureRegion(tx, region, null);
        await tx.office.updateAgency(agencyId, { regionCode: region ?? a.regionCode, level: region ? regionLevel(region) : a.level, kind });
        status = 'updated';
      }
    }
    seen.set(agencyId, r.row);
    const values = givenFields(r);
    const existing = await tx.office.rosterUnit(agencyId);
    if (!existing) {
      await tx.office.insertRosterUnit(agencyId, values, nowIso());
      if (status === 'unchanged') status = 'updated';
    } else if (ROSTER_FIELDS.some((k) => values[k] !== undefined && existing[k] !== values[k])) {
      await tx.office.updateRosterUnit(agencyId, values, nowIso());
      if (status === 'unchanged') status = 'updated';
    }
    const agency = (await tx.office.agencyDetail(agencyId))!;
    return { row: r.row, status, agency: { id: agency.id, name: agency.name } };
  }

  /** Edits a unit of the roster (on the roster page): years, exemption, URL; a new name becomes an alias. */
  updateUnit(
    agencyId: number,
    input: { name?: string; fromYear?: number | null; withdrawnFrom?: number | null; exemptFrom?: number | null; url?: string | null },
  ): Promise<Outcome> {
    return this.storage.withTransaction(async (tx): Promise<Outcome> => {
      const id = await tx.canonicalAgency(agencyId);
      if (id === undefined) return notFound(agencyId);
      await this.materialiseRoster(tx);
      if (input.name) {
        const alias = normaliseName(input.name);
        const owner = await tx.agencyOfAlias(alias);
        if (owner !== undefined && (await tx.canonicalAgency(owner)) !== id)
          return { ok: false, code: 'alias-taken', message: `名称“${input.name}”已属于另一机关，如为同一机关请合并` };
        if (owner === undefined) await tx.insertAlias(alias, id);
        await tx.office.updateAgency(id, { name: input.name.trim() });
      }
      const { name: _name, ...fields } = input;
      if (await tx.office.rosterUnit(id)) await tx.office.updateRosterUnit(id, fields, nowIso());
      else await tx.office.insertRosterUnit(id, fields, nowIso());
      return { ok: true };
    });
  }

  /**
   * Without a roster the units that reported in some year are the roster: a first edit on the page
   * writes them down, so that adding or changing one unit does not drop all the others.
   */
  private async materialiseRoster(tx: Storage) {
    if (await tx.office.hasRoster()) return;
    await tx.office.insertRosterUnits(await tx.office.reportingAgencies(), nowIso());
  }

  /** Records (or with null clears) the 报送日期 of a unit's report of a year. */
  setFiling(agencyId: number, year: number, filedOn: string | null): Promise<Outcome> {
    return this.storage.withTransaction(async (tx): Promise<Outcome> => {
      const id = await tx.canonicalAgency(agencyId);
      if (id === undefined) return notFound(agencyId);
      if (filedOn === null) await tx.office.deleteFiling(id, year);
      else await tx.office.upsertFiling(id, year, filedOn, nowIso());
      return { ok: true };
    });
  }

  private async ensureRegion(tx: Storage, code: string, fullName: string | null) {
    const names = lineageNames(code, fullName);
    for (const [i, r] of names.entries()) await tx.upsertRegion({ code: r.code, name: r.name, parentCode: i ? names[i - 1]!.code : null, level: regionLevel(r.code) });
  }

  // ───────────────────────── status per unit and year ─────────────────────────

  /**
   * Each unit's status for a year as of a cut-off date. The units are the roster's; without a
   * roster, every agency that has reported in some year. The demo province (示例数据) is never a unit
   * the office has to chase, report on or rank: it is shown only when asked (the dashboard's switch).
   */
  async status(filter: StatusFilter): Promise<UnitStatusList> {
    const year = filter.year ?? await this.host.queries.latestYear() ?? new Date().getUTCFullYear() - 1;
    const asOf = filter.asOf ?? today();
    const roster = await this.storage.office.hasRoster();
    const deadline = deadlineOf(await this.deadlines());
    const rows = await this.storage.office.unitRows({ year, region: filter.region, demo: filter.demo, roster });
    const items = rows.flatMap((r) => {
      const item = unitStatus(r, year, asOf, deadline);
      return item && (!filter.status || filter.status === item.status) ? [item] : [];
    });
    return { year, asOf, source: roster ? 'roster' : 'reports', total: items.length, items };
  }

  /**
   * The 未报送 units of a year as of `asOf`, as the overview lists them (at most 100): the roster's, or
   * without one the units that have reported in some year, none of them before its first report.
   * Found in SQL (kept until the next write), not from every unit's status: `status` would read each
   * unit of the province on every overview.
   */
  async missingUnits(filter: { year: number; region?: string; kind?: AgencyKindId; asOf?: string; demo?: boolean }) {
    const { year } = filter;
    const asOf = filter.asOf ?? today();
    const [roster, deadlines] = await Promise.all([this.storage.office.hasRoster(), this.deadlines()]);
    return this.host.queries.missingUnits({ year, asOf, roster, region: filter.region, kind: filter.kind, demo: filter.demo, overdue: overdueOf(deadlines, year, asOf) }, 100);
  }

  // ───────────────────────── notices and rectification ─────────────────────────

  /**
   * The notice of a report. With `open`, the agency's case for the year is opened (once: a later
   * notice keeps the case, with its items, and may move its 整改期限).
   */
  async notice(reportId: number, options: { confirmedOnly?: boolean; dueOn?: string; issuedOn?: string; open?: boolean } = {}): Promise<NoticeData | null> {
    const queries = this.host.queries;
    let report = await queries.report(reportId);
    if (!report) return null;
    const items = noticeItemsOf(report, (await queries.source(reportId))?.text ?? null, options);
    const { agencyId } = report;
    const year = report.year!;
    const s = await this.settings();
    const issuedOn = options.issuedOn ?? today();
    let dueOn = options.dueOn ?? addDays(issuedOn, s.rectifyDays);
    let caseId: number | null = null;
    const existing = await this.storage.office.caseOf(agencyId, year);
    if (existing) {
      caseId = existing.id;
      if (options.dueOn && options.open && options.dueOn !== existing.dueOn) {
        const moved = options.dueOn;
        await this.storage.withTransaction((tx) => tx.office.setCaseDue(existing.id, moved));
        if (await this.host.reauditCurrent(agencyId, year)) report = (await queries.report(reportId))!;
      } else dueOn = existing.dueOn;
    } else if (options.open) {
      caseId = await this.storage.withTransaction((tx) => tx.office.insertCase({ agencyId, year, reportId, issuedOn, dueOn, createdAt: nowIso() }, items));
      // a 整改期限 already past charges 逾期未改 at once
      if (await this.host.reauditCurrent(agencyId, year)) report = (await queries.report(reportId))!;
    }
    return {
      reportId,
      agency: { id: report.registeredAgency.id, name: report.registeredAgency.name },
      year,
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
  reportsFor(filter: { year: number; region?: string; grade?: GradeName }): Promise<number[]> {
    return this.storage.office.reportsFor(filter);
  }

  /**
   * Rectification cases with their items' status as of `asOf`: 已整改 where a newer version of the
   * report lacks the finding, 逾期未改 where the 整改期限 has passed, else 待整改. A case is 已整改 when
   * every item is, 逾期未改 when any item is.
   */
  async cases(filter: { year?: number; region?: string; status?: ItemStatusId; asOf?: string; agencyId?: number }): Promise<{ total: number; items: RectificationCase[] }> {
    const asOf = filter.asOf ?? today();
    const rows = await this.storage.office.caseRows(filter);
    const itemsOf = new Map<number, CaseItemRow[]>();
    for (const it of await this.storage.office.caseItems(rows.map((c) => c.id))) itemsOf.set(it.caseId, [...(itemsOf.get(it.caseId) ?? []), it]);
    const out: RectificationCase[] = [];
    for (const c of rows) {
      const currentId = c.currentId;
      const newer = currentId !== null && (c.currentVersion ?? 0) > c.baseVersion;
      const present = newer ? new Set(await this.storage.office.fingerprints(currentId)) : null;
      const overdue = asOf > c.dueOn;
      const items: CaseItem[] = (itemsOf.get(c.id) ?? []).map(({ id: _id, caseId: _caseId, ...it }) => {
        const fixed = present !== null && !present.has(it.fingerprint);
        return {
          ...it,
          status: fixed ? 'fixed' : overdue ? 'overdue' : 'pending',
          fixedReportId: fixed ? currentId : null,
          fixedOn: fixed ? (c.currentIngestedAt ?? '').slice(0, 10) : null,
        };
      });
      const status: ItemStatusId = items.every((i) => i.status === 'fixed') ? 'fixed' : items.some((i) => i.status === 'overdue') ? 'overdue' : 'pending';
      if (filter.status && filter.status !== status) continue;
      const code = c.regionCode;
      out.push({
        id: c.id,
        agency: { id: c.agencyId, name: c.name, region: code ? { code, name: c.regionName ?? code } : null },
        year: c.year,
        reportId: c.reportId,
        currentReportId: currentId,
        issuedOn: c.issuedOn,
        dueOn: c.dueOn,
        status,
        items,
      });
    }
    return { total: out.length, items: out };
  }

  // ───────────────────────── bulletin and regional rankings ─────────────────────────

  /** The figures of a 通报: the units' status as of the cut-off, grades, the best and failing, main problems. */
  async bulletin(filter: { year?: number; region?: string; asOf?: string }) {
    const st = await this.status({ year: filter.year, region: filter.region, asOf: filter.asOf });
    const count = (s: UnitStatusId) => st.items.filter((i) => i.status === s).length;
    const published = st.items.filter((i) => i.reportId !== null);
    const scored = published.filter((i) => i.score !== null);
    const grades = recordOf(GRADES, (g) => scored.filter((i) => i.grade === g).length);
    const byScore = (a: UnitStatusItem, b: UnitStatusItem) => (b.score ?? 0) - (a.score ?? 0) || a.agency.name.localeCompare(b.agency.name, 'zh');
    const unit = (i: UnitStatusItem) => ({ agency: i.agency, reportId: i.reportId, score: i.score, grade: i.grade, publishedOn: i.publishedOn, daysLate: i.daysLate, deadline: i.deadline });
    // main problems: rules broken by the published reports, by how many units, most first
    const problems = await this.storage.office.brokenBy(
      published.flatMap((i) => (i.reportId === null ? [] : [i.reportId])),
      'rule',
    );
    const description = new Map(auditRules.map((r) => [r.meta.id, r.meta.description]));
    // the year before, as it stands on the cut-off: its on-time rate and score, and how its notices were followed up
    const before = await this.status({ year: st.year - 1, region: filter.region, asOf: st.asOf });
    const beforeDue = before.items.filter(isDue);
    const beforeCases = (await this.cases({ year: st.year - 1, region: filter.region, asOf: st.asOf })).items;
    const beforeItems = beforeCases.flatMap((c) => c.items);
    // only a year whose reports were collected compares (a never-reported unit "owes" every year before too)
    const previous =
      beforeDue.length && before.items.some((i) => i.reportId !== null)
        ? {
            year: st.year - 1,
            onTimeRate: round2(beforeDue.filter((i) => i.status === 'on-time').length / beforeDue.length),
            averageScore: average(scoresOf(before.items)),
            cases: beforeCases.length,
            items: beforeItems.length,
            itemsFixed: beforeItems.filter((i) => i.status === 'fixed').length,
            casesOverdue: beforeCases.filter((c) => c.status === 'overdue').length,
          }
        : null;
    const due = st.items.filter(isDue);
    return {
      year: st.year,
      asOf: st.asOf,
      source: st.source,
      regionName: await this.host.queries.regionName(filter.region),
      officeName: (await this.settings()).officeName,
      figures: {
        units: st.items.filter((i) => i.status !== 'exempt').length,
        published: published.length,
        onTime: count('on-time'),
        late: count('late'),
        missing: count('missing'),
        notDue: count('not-due'),
        exempt: count('exempt'),
        grades,
        averageScore: average(scoresOf(scored)),
        onTimeRate: due.length ? round2(count('on-time') / due.length) : null,
        previous,
      },
      excellent: scored.filter((i) => i.grade === '优秀').sort(byScore).map(unit),
      failing: scored.filter((i) => i.grade === '不合格').sort(byScore).reverse().map(unit),
      missing: st.items.filter((i) => i.status === 'missing').map(unit),
      late: st.items.filter((i) => i.status === 'late').sort((a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0)).map(unit),
      problems: problems.slice(0, 8).map((p) => ({ rule: p.key, description: description.get(p.key) ?? p.key, units: p.reports })),
    };
  }

  /**
   * The loop across years (on the overview): per report year, the share of units due that published
   * on time, late or not at all as of `asOf`; the notices sent and how much of them was fixed; and the
   * share of published reports with a fault of each category.
   */
  async loopTrends(filter: { region?: string; asOf?: string }) {
    const asOf = filter.asOf ?? today();
    let source: UnitStatusList['source'] = 'reports';
    const items = [];
    for (const year of await this.storage.office.reportYears(filter.region)) {
      const st = await this.status({ year, region: filter.region, asOf });
      source = st.source;
      const count = (s: UnitStatusId) => st.items.filter((i) => i.status === s).length;
      const onTime = count('on-time');
      const late = count('late');
      const missing = count('missing');
      const due = onTime + late + missing;
      const cases = (await this.cases({ year, region: filter.region, asOf })).items;
      const caseItems = cases.flatMap((c) => c.items);
      const fixed = caseItems.filter((i) => i.status === 'fixed').length;
      const published = st.items.flatMap((i) => (i.reportId === null ? [] : [i.reportId]));
      const byCategory = new Map((await this.storage.office.brokenBy(published, 'category')).map((r) => [r.key, r.reports]));
      items.push({
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
      });
    }
    return { asOf, source, items };
  }

  /**
   * One row per child region of `region` (provinces without one; 设区市 under a province; 县区 under a
   * city; a municipality's districts directly), with the region's own agencies as 本级.
   */
  async regionRankings(filter: { year?: number; region?: string; asOf?: string }) {
    const st = await this.status({ year: filter.year, region: filter.region, asOf: filter.asOf });
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
      groups.set(child, [...(groups.get(child) ?? []), it]);
    }
    const names = new Map((await this.storage.office.regionNames()).map((r) => [r.code, r.name]));
    const rows = [...groups].map(([code, list]) => {
      const due = list.filter((i) => i.status !== 'exempt' && i.status !== 'not-due');
      const scored = list.filter((i) => i.reportId !== null && i.score !== null);
      const onTime = list.filter((i) => i.status === 'on-time').length;
      return {
        region: code ? { code, name: names.get(code) ?? code, own: code === root } : null,
        units: list.filter((i) => i.status !== 'exempt').length,
        reports: list.filter((i) => i.reportId !== null).length,
        onTime,
        late: list.filter((i) => i.status === 'late').length,
        missing: list.filter((i) => i.status === 'missing').length,
        onTimeRate: due.length ? round2(onTime / due.length) : null,
        averageScore: average(scoresOf(scored)),
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
