/**
 * One process of the concurrent-ingest test (ingest-race.test.ts): opens the store at argv[2], says
 * `ready`, waits for a line on stdin (so that both processes start ingesting at the same moment),
 * ingests the file at argv[3] and prints its result as JSON.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openStorage } from '@nianbao/db/pg';
import { Store } from './store';

const [url, file] = process.argv.slice(2);
const store = new Store({ storage: await openStorage(url) });
const bytes = readFileSync(file!);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const _go of lines) break;
lines.close();
try {
  const [result] = await store.ingest([{ name: file!, bytes }]);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await store.storage.close();
}
