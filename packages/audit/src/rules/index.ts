/** Every rule, in the order findings are listed: structure, completeness, accuracy, timeliness (with the 整改 follow-up), originality. */
import type { Rule } from '../rule';
import structureSectionMissing from './structure.section-missing';
import structureSectionNumbering from './structure.section-numbering';
import structureSectionTitle from './structure.section-title';
import structureSectionOrder from './structure.section-order';
import structureTableMissing from './structure.table-missing';
import structureTemplateMismatch from './structure.template-mismatch';
import structureLegacyOtherHandling from './structure.legacy-other-handling';
import tableRowAbsent from './table.row-absent';
import tableCellBlank from './table.cell-blank';
import tableCellPlaceholder from './table.cell-placeholder';
import tableCellText from './table.cell-text';
import tableCellNote from './table.cell-note';
import metaAgencyMissing from './meta.agency-missing';
import metaDateMissing from './meta.date-missing';
import metaYearMissing from './meta.year-missing';
import narrativeOverviewThin from './narrative.overview-thin';
import narrativeNoMeasures from './narrative.no-measures';
import narrativeGovernmentExtras from './narrative.government-extras';
import narrativeFeeUnreported from './narrative.fee-unreported';
import balanceT3Flow from './balance.t3-flow';
import balanceT3Outcomes from './balance.t3-outcomes';
import balanceT3Applicants from './balance.t3-applicants';
import balanceT4Totals from './balance.t4-totals';
import balanceUnverifiable from './balance.unverifiable';
import valueInvalid from './value.invalid';
import valueUnit from './value.unit';
import narrativeTableMismatch from './narrative.table-mismatch';
import historyCarryOver from './history.carry-over';
import historyItemCount from './history.item-count';
import historyInForce from './history.in-force';
import metaDateImplausible from './meta.date-implausible';
import timeLate from './time.late';
import timeUnknown from './time.unknown';
import rectificationOverdue from './rectification.overdue';
import extractUncertain from './extract.uncertain';
import originalityCopiedAcrossAgencies from './originality.copied-across-agencies';
import originalityCopiedFromLastYear from './originality.copied-from-last-year';

export const rules: readonly Rule[] = [
  structureSectionMissing,
  structureSectionNumbering,
  structureSectionTitle,
  structureSectionOrder,
  structureTableMissing,
  structureTemplateMismatch,
  structureLegacyOtherHandling,
  tableRowAbsent,
  tableCellBlank,
  tableCellPlaceholder,
  tableCellText,
  tableCellNote,
  metaAgencyMissing,
  metaDateMissing,
  metaYearMissing,
  narrativeOverviewThin,
  narrativeNoMeasures,
  narrativeGovernmentExtras,
  narrativeFeeUnreported,
  balanceT3Flow,
  balanceT3Outcomes,
  balanceT3Applicants,
  balanceT4Totals,
  balanceUnverifiable,
  valueInvalid,
  valueUnit,
  narrativeTableMismatch,
  historyCarryOver,
  historyItemCount,
  historyInForce,
  metaDateImplausible,
  timeLate,
  timeUnknown,
  rectificationOverdue,
  extractUncertain,
  originalityCopiedAcrossAgencies,
  originalityCopiedFromLastYear,
];
