/** analyze when a reader fails with an error of its own (not an ExtractError): a corrupt file, not a crash. */
import { describe, expect, it, vi } from 'vitest';
import { analyze } from './analyze';

vi.mock('@nianbao/extract', async (original) => ({
  ...(await original<typeof import('@nianbao/extract')>()),
  extract: async () => {
    throw new RangeError('Invalid typed array length: -8');
  },
}));

describe('analyze: a reader failing in an unforeseen way', () => {
  it('is a corrupt file with the reader’s own words', async () => {
    expect(await analyze(new Uint8Array([0x25, 0x50, 0x44, 0x46]), '某局2024年报告.pdf')).toEqual({
      file: '某局2024年报告.pdf',
      error: { code: 'corrupt', message: '某局2024年报告.pdf：文件无法读取（Invalid typed array length: -8）' },
    });
  });
});
