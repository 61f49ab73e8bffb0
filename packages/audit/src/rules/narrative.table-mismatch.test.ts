import { testRule } from '../rule-tester';
import { DEFAULT_BODIES, t3Column } from '../testing';
import rule from './narrative.table-mismatch';

const s1 = (text: string) => ({ sections: { s1: `${text}${DEFAULT_BODIES.s1}` } });
const received = (n: number) => ({ ...t3Column('naturalPerson', { newReceived: n }), ...t3Column('total', { newReceived: n }) });

testRule(rule, {
  valid: [
    {
      name: '人大建议 and 政协提案 are not applications (新余)',
      report: { year: 2019, ...s1('年度顺利办理完结了市人大代表的建议一条和政协委员的提案两条。全年度未出现不予公开政府信息的情况。') },
    },
    { name: 'the figure agrees', report: { cells: received(34), ...s1('全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 0 件。') } },
    { name: 'Chinese numerals that agree', report: { cells: received(321), ...s1('全年共受理政府信息公开申请三百二十一件。') } },
    { name: '「两件」', report: { cells: received(2), ...s1('本年度共收到依申请公开件两件，均按时答复。') } },
    { name: 'a total that includes last year’s', report: { cells: { ...received(24), 't3.carriedOver.total': '2', 't3.carriedOver.naturalPerson': '2' }, ...s1('全年共收到政府信息公开申请26件（含上年结转2件）。') } },
    { name: '网络问政 is not an application (沭阳)', report: { cells: received(26), ...s1('全年受理网络问政182件。2023年度我局共收到依申请信息公开26件。') } },
    { name: 'a wider scope in a department’s report', report: { cells: received(3), ...s1('全市各部门共收到政府信息公开申请500件，我局收到政府信息公开申请3件。') } },
    { name: 'a quarter is not the year', report: { cells: received(9), ...s1('第一季度收到政府信息公开申请2件。') } },
    { name: '0 stated and the cell blank', report: { cells: { 't3.newReceived.total': '' }, ...s1('本年度收到政府信息公开申请0件。') } },
    {
      name: '行政复议 and 行政诉讼 of 淮安 (a government: 「全市」 is its own scope)',
      report: {
        agency: '测试市人民政府',
        cells: {
          't4.review.upheld': '72', 't4.review.corrected': '64', 't4.review.other': '178', 't4.review.pending': '37', 't4.review.total': '351',
          't4.litigationDirect.upheld': '13', 't4.litigationDirect.corrected': '4', 't4.litigationDirect.other': '8', 't4.litigationDirect.pending': '1', 't4.litigationDirect.total': '26',
          't4.litigationAfterReview.upheld': '12', 't4.litigationAfterReview.corrected': '1', 't4.litigationAfterReview.other': '1', 't4.litigationAfterReview.pending': '6', 't4.litigationAfterReview.total': '20',
          ...received(3119),
        },
        ...s1('2024年，全市共受理政府信息公开申请 3119 件。政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件。'),
      },
    },
    {
      name: 'the number before the words (上海市科委), and 「行政诉讼数为0件」 in the next sentence',
      report: { cells: { 't4.review.upheld': '1', 't4.review.total': '1' }, ...s1('2024年市科委有1件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为0件。') },
    },
    { name: '政策性文件 are not 规范性文件 (淮安)', report: { cells: { 't2.normativeDocs.issued': '8', 't2.regulations.issued': '1' }, ...s1('全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件。') , agency: '测试市人民政府' } },
    {
      name: '规章 and 规范性文件 that agree (上海市人民政府办公厅)',
      report: { cells: { 't2.regulations.issued': '22', 't2.normativeDocs.issued': '34' }, ...s1('全年主动公开市政府规章 22 件、市政府及市政府办公厅行政规范性文件 34 件、人事任免文件 196 件。') },
    },
    { name: '清理 is not 制发', report: { cells: { 't2.normativeDocs.issued': '2' }, ...s1('全年公开行政规范性文件2件，清理规范性文件15件。') } },
    { name: 'a 2019 report: 新公开 counts', report: { year: 2019, cells: { 't2.normativeDocs.made': '2', 't2.normativeDocs.published': '3' }, ...s1('全年公开规范性文件3件。') } },
    { name: '信息处理费 has no cell', report: { ...s1('全年收取政府信息公开信息处理费 3940 元。') } },
    { name: 'a department’s report giving only the whole city’s figure', report: { cells: received(3), ...s1('2023年，全市共受理政府信息公开申请500件。') } },
    { name: 'part of the litigation figure unknown', report: { cells: { 't4.litigationDirect.total': '2', 't4.litigationAfterReview.total': '' }, ...s1('因政府信息公开被提起行政诉讼5件。') } },
  ],
  invalid: [
    {
      name: '「2019收到依法申请公开件1件」 against a blank 本年新收 (南开)',
      report: { year: 2019, cells: { 't3.newReceived.total': '', 't3.newReceived.naturalPerson': '' }, ...s1('2、及时答复依申请公开件。坚持每天登录信息公开平台，及时受理公开申请。2019收到依法申请公开件1件，我局严格按照程序在规定时间内完成答复。') },
      findings: [
        {
          message: '正文“2019收到依法申请公开件1件”所述1件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(空)不一致',
          cells: ['t3.newReceived.total'],
          fingerprint: 'narrative.table-mismatch:newReceived',
          severity: 'error',
        },
      ],
    },
    {
      name: 'Chinese numerals that disagree',
      report: { cells: received(5), ...s1('全年共受理政府信息公开申请三百二十一件。') },
      findings: ['正文“全年共受理政府信息公开申请三百二十一件”所述321件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(5)不一致'],
    },
    {
      name: '行政复议 and 行政诉讼 that disagree with table 四',
      report: { cells: { 't4.review.upheld': '1', 't4.review.total': '1' }, ...s1('本年度因政府信息公开工作被申请行政复议3件，被提起行政诉讼2件。') },
      findings: [
        '正文“本年度因政府信息公开工作被申请行政复议3件”所述3件，与表四“行政复议”行“总计”列(1)不一致',
        '正文“被提起行政诉讼2件”所述2件，与表四行政诉讼“未经复议直接起诉”“复议后起诉”两组的“总计”(0、0)不一致',
      ],
    },
    {
      name: '规范性文件 that disagree (2021)',
      report: { cells: { 't2.normativeDocs.issued': '3' }, ...s1('全年制发行政规范性文件5件。') },
      findings: ['正文“全年制发行政规范性文件5件”所述5件，与表二“行政规范性文件”行“本年制发件数”列(3)不一致'],
    },
    {
      name: '「未收到政府信息公开申请」 while the table has some',
      report: { cells: received(4), ...s1('本年度我局未收到政府信息公开申请。') },
      findings: ['正文“本年度我局未收到政府信息公开申请”所述0件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(4)不一致'],
    },
    {
      name: 'a 人民政府 giving 「全市」 figures: its own scope, compared',
      report: { agency: '测试市人民政府', cells: received(3), ...s1('2023年，全市共受理政府信息公开申请500件。') },
      findings: ['正文“全市共受理政府信息公开申请500件”所述500件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(3)不一致'],
    },
    {
      name: 'the kind given by the roster overrides the name: a 管委会 reporting as a government',
      report: { agency: '测试经济开发区管理委员会', cells: received(3), ...s1('2023年，全区共受理政府信息公开申请500件。') },
      ctx: { agencyKind: 'government' },
      findings: ['正文“全区共受理政府信息公开申请500件”所述500件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(3)不一致'],
    },
    {
      name: '上年结转 that disagrees',
      report: { cells: received(3), ...s1('上年结转政府信息公开申请2件。') },
      findings: ['正文“上年结转政府信息公开申请2件”所述2件，与表三“二、上年结转政府信息公开申请数量”行“总计”列(0)不一致'],
    },
  ],
});
