import { ExtractError, type Document } from './types';

// Placeholder until the doc adapter lands.
export async function fromDoc(_bytes: Uint8Array, fileName: string): Promise<Document> {
  throw new ExtractError('unsupported-format', `${fileName}：doc 读取尚未实现`);
}
