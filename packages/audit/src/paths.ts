import { join } from 'node:path';

export const PACKAGE_DIR = join(import.meta.dirname, '..');
export const RULES_DOC = join(PACKAGE_DIR, 'docs/rules.md');
export const DEFAULT_RUBRIC = join(PACKAGE_DIR, 'rubric.json');
