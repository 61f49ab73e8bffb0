export { COLUMNS, asciiExportName, exportFileName, rankingsCsv, rankingsXlsx } from './export';
export { DOCX_TYPE, chineseDate, formatPoints, noticeFileName, noticeSection, noticeTitle, noticesDocx } from './notice-docx';
export { XLSX_TYPE, bulletinDocx, bulletinText, bulletinXlsx, ledgerXlsx, statusXlsx } from './office-files';
export { RosterFileError, csvGrid, readRosterFile } from './roster-file';
