export { COLUMNS, asciiExportName, exportFileName, rankingsCsv, rankingsXlsx } from './export';
