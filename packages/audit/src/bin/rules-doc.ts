// Writes packages/audit/docs/rules.md from the rules' metadata and the default rubric.
// Usage: npx tsx packages/audit/src/bin/rules-doc.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RULES_DOC } from '../paths';
import { rulesMarkdown } from '../reference';

mkdirSync(dirname(RULES_DOC), { recursive: true });
writeFileSync(RULES_DOC, rulesMarkdown());
console.log(`已写入 ${RULES_DOC}`);
