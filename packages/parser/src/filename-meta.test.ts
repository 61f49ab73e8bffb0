/** Parse owns the metadata: what only the file name says is read by `parse` itself, not patched on later. */
import { describe, expect, it } from 'vitest';
import { fromText } from '@nianbao/extract';
import { parse } from './index';

const TEXT = [
  '一、总体情况',
  '本年度认真贯彻落实条例，做好政府信息公开工作。',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
].join('\n');

describe('parse: metadata from the file name', () => {
  it('an agency named only in the file name gets its name, region and kind (人民政府 → government)', () => {
    const r = parse(fromText(TEXT), {
      file: '沭阳县人民政府2023年政府信息公开工作年度报告.txt',
      sha256: 'x',
      fromFileName: { agency: '沭阳县人民政府', year: 2023 },
    });
    expect(r.agency).toEqual({
      name: '沭阳县人民政府',
      source: 'filename',
      region: { code: '321322', name: '江苏省宿迁市沭阳县' },
      kind: 'government',
    });
    expect(r.year).toBe(2023);
  });
});
