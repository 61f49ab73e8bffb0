export { generateProvince, iterateProvince, yearsOf, LAST_YEAR, type GenerateOptions, type GeneratedReport, type Truth, type Province } from './generate';
export { DEFECTS, DEFECT_KINDS, DEFAULT_RATES, NO_DEFECTS, type DefectKind, type Defect, type Rates } from './defects';
export { FORMATS, EXTENSION, render, type Format } from './render';
export { loadProvince, allAgencies, type Agency } from './agencies';
export { manifestEntry, type ManifestEntry } from './manifest';
export { demoProvince, isDemoFile, DEMO_LABEL, DEMO_PREFIX, type DemoOptions, type DemoProvince, type DemoFile } from './demo';
export { toPrintHtml, PDF_LAYOUTS, type PdfLayout } from './print';
