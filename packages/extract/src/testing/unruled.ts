/** For tests: a PDF read as if printed without table borders (its ruling lines left out). */
import { Layout } from '../layout';
import { readPdf } from '../pdf';
import { layoutPages } from '../pdf-layout';
import type { Document } from '../types';

export async function fromPdfWithoutRules(bytes: Uint8Array, fileName: string): Promise<Document> {
  const { pages } = await readPdf(bytes, fileName);
  const layout = new Layout();
  for (const b of layoutPages(pages.map((p) => ({ ...p, rules: [] }))))
    if (b.kind === 'paragraph') layout.paragraph(b.text);
    else layout.table(b.rows);
  return { format: 'pdf', text: layout.text, tables: layout.tables, meta: {} };
}
