import { ExtractError, type Document } from './types';

// Placeholder until the pdf adapter lands.
export async function fromPdf(_bytes: Uint8Array, fileName: string): Promise<Document> {
  throw new ExtractError('unsupported-format', `${fileName}：pdf 读取尚未实现`);
}
