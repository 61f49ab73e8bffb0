import { cellKeys } from '@nianbao/model';
import { testRule } from '../rule-tester';
import rule from './table.cell-blank';

const t4 = cellKeys('2021').filter((k) => k.startsWith('t4.'));
const orgColumns = ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];

testRule(rule, {
  valid: [
    { name: 'every cell 0 (新余)', report: { year: 2019 } },
    { name: 'placeholders and absent rows are other rules', report: { cells: { 't2.fees.amount': '—', 't3.carriedForward.total': null } } },
  ],
  invalid: [
    {
      name: 'one blank cell, with its span',
      report: { cells: { 't3.carriedForward.total': '　' } },
      findings: [
        {
          message: '表三“四、结转下年度继续办理”行“总计”列为空，无数据的应填“0”',
          cells: ['t3.carriedForward.total'],
          fingerprint: 'table.cell-blank:t3.carriedForward:total',
        },
      ],
    },
    {
      name: 'table 四 all blank (南开)',
      report: { year: 2019, cells: Object.fromEntries(t4.map((k) => [k, ' '])) },
      findings: [{ message: '表四全部15格均为空，无数据的应填“0”', cells: t4 }],
    },
    {
      name: 'runs of blank rows, and one row blank but for 自然人 and 总计',
      report: {
        year: 2019,
        fill: '',
        cells: {
          't2.penalty.previousCount': '0',
          't2.penalty.change': '10',
          't2.penalty.decisions': '10',
          't3.carriedOver.naturalPerson': '1',
          't3.carriedOver.total': '1',
          't4.review.total': '0',
        },
      },
      findings: [
        '表二自“规章”至“其他对外管理服务事项”共4行均为空，无数据的应填“0”',
        '表二自“行政强制”至“政府集中采购”共3行均为空，无数据的应填“0”',
        '表三“一、本年新收政府信息公开申请数量”行7格均为空，无数据的应填“0”',
        '表三“二、上年结转政府信息公开申请数量”行“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列为空，无数据的应填“0”',
        '表三自“（一）予以公开”至“四、结转下年度继续办理”共21行均为空，无数据的应填“0”',
        '表四“行政复议”行“结果维持”“结果纠正”“其他结果”“尚未审结”列为空，无数据的应填“0”',
        '表四自“行政诉讼（未经复议直接起诉）”至“行政诉讼（复议后起诉）”共2行均为空，无数据的应填“0”',
      ],
    },
    {
      name: 'the five 法人或其他组织 columns blank in every row (沭阳)',
      report: { cells: Object.fromEntries(cellKeys('2021').filter((k) => k.startsWith('t3.') && orgColumns.some((c) => k.endsWith(`.${c}`))).map((k) => [k, ''])) },
      findings: [
        {
          message:
            '表三自“一、本年新收政府信息公开申请数量”至“四、结转下年度继续办理”共25行的“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列为空，无数据的应填“0”',
          fingerprint: 'table.cell-blank:t3.newReceived..t3.carriedForward:commercial,research,publicInterest,legalService,otherOrg',
        },
      ],
    },
    {
      name: 'a one-column row of 2021',
      report: { cells: { 't2.licensing.decisions': '' } },
      findings: ['表二“行政许可”行“本年处理决定数量”列为空，无数据的应填“0”'],
    },
  ],
});
