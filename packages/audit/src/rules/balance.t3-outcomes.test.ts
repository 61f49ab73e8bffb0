import { T3_COLUMNS } from '@nianbao/model';
import { testRule } from '../rule-tester';
import { t3Column } from '../testing';
import rule from './balance.t3-outcomes';

const legacy = (value: string) =>
  Object.fromEntries([
    ...T3_COLUMNS.map((c) => [
      `t3.otherHandling.${c.key}`,
      c.key === 'total' || c.key === 'naturalPerson' ? value : '0',
    ]),
    ...['overdueCorrection', 'overdueFee', 'other'].flatMap((r) =>
      T3_COLUMNS.map((c) => [`t3.otherHandling.${r}.${c.key}`, null]),
    ),
  ]);

testRule(rule, {
  valid: [
    { name: 'all zeros', report: {} },
    {
      // one cause, one finding: the missing total row is table.row-absent's
      name: 'outcomes read but the （七）总计 row absent (table 三 truncated)',
      report: { cells: { ...t3Column('total', { newReceived: 3, granted: 3 }), 't3.totalProcessed.total': null } },
    },
    {
      name: 'outcomes across rows add up',
      report: {
        cells: {
          ...t3Column('total', { newReceived: 10, granted: 4 }),
          't3.denied.processInfo.total': '1',
          't3.unable.notHeld.total': '3',
          't3.otherHandling.other.total': '2',
          't3.totalProcessed.total': '10',
        },
      },
    },
    {
      name: 'a 2021 report keeping the single （六） row: its values count',
      report: {
        cells: {
          ...t3Column('total', { newReceived: 3, granted: 1 }),
          ...t3Column('naturalPerson', { newReceived: 3, granted: 1 }),
          ...legacy('2'),
          't3.totalProcessed.total': '3',
          't3.totalProcessed.naturalPerson': '3',
        },
      },
    },
  ],
  invalid: [
    {
      name: '（七）总计 larger than the outcomes',
      report: {
        cells: {
          ...t3Column('total', { newReceived: 10, granted: 4 }),
          't3.unable.notHeld.total': '3',
          't3.carriedForward.total': '0',
        },
      },
      findings: [
        {
          message:
            '表三“总计”列：（七）总计(4)≠（一）至（六）各项之和(7：（一）予以公开(4)+（四）1.本机关不掌握相关政府信息(3))',
          fingerprint: 'balance.t3-outcomes:total',
        },
      ],
    },
    {
      name: 'a 2019 report: the single （六） row counts',
      report: {
        year: 2019,
        cells: {
          ...t3Column('naturalPerson', { newReceived: 2, granted: 2 }),
          't3.otherHandling.naturalPerson': '1',
        },
      },
      findings: [
        '表三“自然人”列：（七）总计(2)≠（一）至（六）各项之和(3：（一）予以公开(2)+（六）其他处理(1))',
      ],
    },
  ],
});
