import { ExtractError, type Document } from './types';

// Placeholder until the docx adapter lands.
export async function fromDocx(_bytes: Uint8Array, fileName: string): Promise<Document> {
  throw new ExtractError('unsupported-format', `${fileName}：docx 读取尚未实现`);
}
