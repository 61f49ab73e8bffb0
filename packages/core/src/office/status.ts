/**
 * A unit's status for a year (on time, late, missing, not yet due, exempt) from its row, and the
 * deadline calendar: most specific region rule, else the rubric's statutory default.
 */
import type { UnitStatusItem } from '@nianbao/contract';
import { inScope, type Overdue } from '@nianbao/db';
import { AGENCY_KINDS, type AgencyKindId, type UnitStatusId } from '@nianbao/model';
import type { DeadlineRuleRow, UnitRow } from './storage';

export type { UnitStatusItem };
export type RosterUnit = NonNullable<UnitStatusItem['unit']>;

export const today = () => new Date().toISOString().slice(0, 10);
export const nowIso = () => new Date().toISOString();
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** `2020-03-16` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface Deadlines {
  defaults: Record<AgencyKindId, string>;
  rules: DeadlineRuleRow[];
}

export type DeadlineFn = (year: number, kind: AgencyKindId, regionCode: string | null) => string;

/** The rules in the order they apply: the most specific region first; of two alike, the first set. */
function byPrecedence(rules: DeadlineRuleRow[]): DeadlineRuleRow[] {
  const specificity = (r: DeadlineRuleRow) => r.regionCode.replace(/0+$/, '').length;
  return [...rules].sort((a, b) => specificity(b) - specificity(a));
}

/** The deadline of a report year for a kind of agency in a region: the most specific rule, else the default. */
export function deadlineOf({ defaults, rules }: Deadlines): DeadlineFn {
  const ordered = byPrecedence(rules);
  return (year, kind, regionCode) => `${year + 1}-${ordered.find((r) => r.kind === kind && inScope(regionCode, r.regionCode))?.monthDay ?? defaults[kind]}`;
}

/**
 * Whether the deadline of `year` has passed by `asOf`, per rule in the order the rules apply and then
 * per kind everywhere (the defaults): what storage tells the 未报送 units from the not yet due by,
 * the first entry of a unit's kind and region deciding as `deadlineOf` would.
 */
export function overdueOf({ defaults, rules }: Deadlines, year: number, asOf: string): Overdue[] {
  const passed = (monthDay: string) => asOf > `${year + 1}-${monthDay}`;
  return [
    ...byPrecedence(rules).map((r) => ({ kind: r.kind, regionCode: r.regionCode, overdue: passed(r.monthDay) })),
    ...AGENCY_KINDS.map((kind) => ({ kind, regionCode: '', overdue: passed(defaults[kind]) })),
  ];
}

/**
 * A unit's status for `year` as of the cut-off `asOf`, or null when it owes no report that year: it
 * owes one from its roster's 自何年起应报, else from its first report (a unit of the roster that never
 * reported owes every year), until its 撤并年份; 免报 from its exemption year.
 */
export function unitStatus(r: UnitRow, year: number, asOf: string, deadline: DeadlineFn): UnitStatusItem | null {
  const { reportId, publishedOn, filedOn } = r;
  // a report published after the cut-off was not yet there
  const present = reportId !== null && (publishedOn === null || publishedOn <= asOf);
  const owedFrom = r.fromYear ?? r.firstYear ?? -Infinity;
  const withdrawn = r.withdrawnFrom !== null && year >= r.withdrawnFrom;
  if (reportId === null && (year < owedFrom || withdrawn)) return null;
  const code = r.regionCode;
  const due = deadline(year, r.kind, code);
  let status: UnitStatusId;
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
  } else if (r.exemptFrom !== null && year >= r.exemptFrom) status = 'exempt';
  else status = asOf > due ? 'missing' : 'not-due';
  return {
    agency: { id: r.id, name: r.name, region: code ? { code, name: r.regionName ?? code } : null, kind: r.kind },
    year,
    status,
    deadline: due,
    publishedOn: present ? publishedOn : null,
    filedOn,
    daysLate,
    reportId: present ? reportId : null,
    score: present ? r.score : null,
    grade: present ? r.grade : null,
    unit:
      r.unitId === null
        ? null
        : { fromYear: r.fromYear, withdrawnFrom: r.withdrawnFrom, exemptFrom: r.exemptFrom, url: r.url, parentName: r.parentName },
  };
}
