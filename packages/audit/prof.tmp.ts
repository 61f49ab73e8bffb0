import { readFileSync } from 'node:fs';
import { extractText } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { audit } from './src/index';
const files = ['/work/shared/seeds/000_91e0e63c20f568b3.txt','/work/shared/seeds/004_52ba3b16510502cd.txt'];
const docs = files.map((f) => extractText(readFileSync(f), f, 'text'));
const parsed = docs.map((d, j) => parse(d, { file: files[j], sha256: '' }));
for (let i = 0; i < 6000; i++) { const j = i % 2; audit(parsed[j], { text: docs[j].text }); }
