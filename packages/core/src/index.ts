/**
 * The application: ingest (with its analysis workers), the cross-report context of the audit,
 * review, rescore and agency merges, over the storage interface (storage.ts); and what the API and
 * the CLI both do beside it (the ranking export, the 整改通知书, the 通报 and ledgers, roster files).
 */
export { defaultWorkers } from './pool';
export { Store, failed, type CorrectionInput, type Decision, type InputFile, type PeerOutOfScope, type IngestResult, type IngestStatus, type IngestSummary, type ReviewInput, type StoreOptions, type StoreOutcome } from './store';
export { defaultAuditor, narrative, type Analysis, type Auditor, type Similarity, type Signature, type StoreContext, type Peer } from './auditor';
export { summarise } from './summary';
export type { Storage } from './storage';
export type { AccountStorage, AttemptBudget, Reservation } from './accounts-storage';
export { Accounts, cliActor, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, normaliseUsername, passwordProblem, regionProblem, SESSION_HOURS, usernameProblem, verifyPassword, type AuditEntry, type AuditFilter, type NewAuditEntry, type SessionInfo, type User } from './accounts';
export { COLUMNS, asciiExportName, exportFileName, rankingsCsv, rankingsXlsx } from './export';
export { DOCX_TYPE, chineseDate, formatPoints, noticeFileName, noticeSection, noticeTitle, noticesDocx } from './notice-docx';
export { XLSX_TYPE, bulletinDocx, bulletinText, bulletinXlsx, ledgerXlsx, statusXlsx } from './office-files';
export { RosterFileError, csvGrid, readRosterFile } from './roster-file';
export { Office, type CaseItem, type OfficeHost, type OfficeSettings, type Outcome, type RectificationCase, type StatusFilter, type UnitStatusList } from './office/office';
export { locationOf, noticeItemsOf, requirementOf, type NoticeData, type NoticeItem } from './office/notice';
export { kindOfLabel, type RosterResult, type RosterRow, type RosterSummary } from './office/roster';
export { addDays, deadlineOf, unitStatus, type UnitStatusItem } from './office/status';
export type { OfficeStorage } from './office/storage';
