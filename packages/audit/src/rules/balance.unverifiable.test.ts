import { cellKeys } from '@nianbao/model';
import { testRule } from '../rule-tester';
import { t3Column } from '../testing';
import rule from './balance.unverifiable';

testRule(rule, {
  valid: [
    { name: 'all zeros', report: {} },
    {
      name: 'blanks that read as 0 balance',
      report: {
        cells: {
          't3.newReceived.naturalPerson': '3',
          't3.newReceived.total': '3',
          't3.newReceived.research': '',
          't3.granted.naturalPerson': '3',
          't3.granted.total': '3',
          't3.totalProcessed.naturalPerson': '3',
          't3.totalProcessed.total': '3',
        },
      },
    },
    {
      name: 'a table with no figure at all says nothing',
      report: {
        cells: Object.fromEntries(
          cellKeys('2021')
            .filter((k) => k.startsWith('t4.'))
            .map((k) => [k, '']),
        ),
      },
    },
    {
      // one cause, one finding: the rows cut off are table.row-absent's, no identity is compared
      name: 'table 三 truncated after （四） with 上年结转 1 (南开)',
      report: {
        year: 2019,
        fill: '',
        cells: {
          't3.carriedOver.naturalPerson': '1',
          't3.carriedOver.total': '1',
          ...Object.fromEntries(
            ['totalProcessed', 'carriedForward', 'otherHandling', 'notProcessed.complaint'].flatMap((r) =>
              ['naturalPerson', 'total'].map((c) => [`t3.${r}.${c}`, null]),
            ),
          ),
        },
      },
    },
  ],
  invalid: [
    {
      name: 'applications with every outcome cell present but blank',
      report: {
        year: 2019,
        fill: '',
        cells: { 't3.carriedOver.naturalPerson': '1', 't3.carriedOver.total': '1' },
      },
      findings: [
        '表三“自然人”列：本年新收(空)+上年结转(1)与办理结果总计(空)+结转下年度(空)相差1，本年新收(空)、办理结果总计(空)、结转下年度(空)未填数字，勾稽关系无法核对',
        '表三“总计”列：本年新收(空)+上年结转(1)与办理结果总计(空)+结转下年度(空)相差1，本年新收(空)、办理结果总计(空)、结转下年度(空)未填数字，勾稽关系无法核对',
      ],
    },
    {
      name: 'one blank 总计 (上海市科委)',
      report: {
        cells: {
          ...t3Column('naturalPerson', { newReceived: 34, carriedOver: 2, granted: 35, carriedForward: 1 }),
          ...t3Column('total', { newReceived: 34, carriedOver: 2, granted: 35, carriedForward: 1 }),
          't3.carriedForward.total': '',
        },
      },
      findings: [
        {
          message:
            '表三“总计”列：本年新收(34)+上年结转(2)与办理结果总计(35)+结转下年度(空)相差1，结转下年度(空)未填数字，勾稽关系无法核对',
          fingerprint: 'balance.unverifiable:t3-flow:total',
          severity: 'warning',
        },
        '表三“四、结转下年度继续办理”行：总计(空)与自然人(1)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)相差1，总计(空)未填数字，勾稽关系无法核对',
      ],
    },
  ],
});
