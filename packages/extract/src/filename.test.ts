import { describe, expect, it } from 'vitest';
import { metaFromFileName } from './index';

describe('metaFromFileName', () => {
  const cases: [string, ReturnType<typeof metaFromFileName>][] = [
    ['沭阳县发展和改革局2023年政府信息公开年度报告.html', { agency: '沭阳县发展和改革局', year: 2023 }],
    ['2019年南开区文化和旅游局政务公开工作年度报告.docx', { agency: '南开区文化和旅游局', year: 2019 }],
    [
      '年报/2024/【公示】淮安市人民政府２０２４年政府信息公开工作年度报告.pdf',
      { agency: '淮安市人民政府', year: 2024 },
    ],
    ['附件1：沭阳县发改局2023年度政府信息公开工作年度报告.doc', { agency: '沭阳县发改局', year: 2023 }],
    [
      'C:\\上传\\天津市南开区人民政府（办公室）2020年政府信息公开工作年度报告.doc',
      { agency: '天津市南开区人民政府（办公室）', year: 2020 },
    ],
    [
      '上海市科学技术委员会_2024年度政府信息公开工作年度报告.md',
      { agency: '上海市科学技术委员会', year: 2024 },
    ],
    // a year, but no name
    ['2019年度政府信息公开工作年度报告.pdf', { year: 2019 }],
    ['关于印发2023年政府信息公开工作年度报告的通知.pdf', { year: 2023 }],
    // neither: a year counts only when written 「2023年」
    ['suqian-shuyangxian-fazhangaigeju_2023.html', {}],
    ['000_91e0e63c20f568b3.txt', {}],
    ['年度报告.pdf', {}],
  ];
  for (const [name, expected] of cases) {
    it(name, () => expect(metaFromFileName(name)).toEqual(expected));
  }
});
