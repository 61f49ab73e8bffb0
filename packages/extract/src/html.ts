import { ExtractError, type Document } from './types';

// Placeholder until the HTML adapter lands (see the extract helper's task).
export function fromHtml(_html: string, fileName: string): Document {
  throw new ExtractError('unsupported-format', `${fileName}：HTML 读取尚未实现`);
}
