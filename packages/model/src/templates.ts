/**
 * The two official formats of the annual report (国办公开办函〔2019〕60号 and 〔2021〕30号) as data.
 * Keys follow spec/report-model.md: `table.row.column`, the last segment always the column.
 */

export type TemplateVersion = '2019' | '2021';
export type TableId = 't2' | 't3' | 't4';
export type SectionId = 's1' | 's2' | 's3' | 's4' | 's5' | 's6';

/** What a column counts: `count` is a non-negative integer, `delta` may be negative, `amount` is money. */
export type ColumnKind = 'count' | 'delta' | 'amount';

export interface ColumnDef {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Unit of the column; money columns are 万元 (the 2019 采购总金额 prints none, agencies write it in the cell). */
  unit?: '万元';
}

export interface RowDef {
  key: string;
  /** The label as the template prints it, without its outline numbering (（一）, 1.). */
  label: string;
  /** Other wordings seen in real reports. */
  aliases?: string[];
  /** The outline marker printed before the label (一、 （三） 2.), used to tell rows with similar words apart. */
  marker?: string;
  /** Label of the parent group (（三）不予公开 …), for display. */
  group?: string;
  columns: ColumnDef[];
}

export interface TableDef {
  id: TableId;
  title: string;
  rows: RowDef[];
}

export interface SectionDef {
  id: SectionId;
  /** Chinese ordinal the template numbers the heading with. */
  ordinal: string;
  title: string;
  /** Keyword patterns (already normalised) that identify the heading. */
  patterns: RegExp[];
}

export interface TemplateDef {
  version: TemplateVersion;
  notice: string;
  tables: TableDef[];
}

const count = (key: string, label: string): ColumnDef => ({ key, label, kind: 'count' });

export const T3_COLUMNS: ColumnDef[] = [
  count('naturalPerson', '自然人'),
  count('commercial', '商业企业'),
  count('research', '科研机构'),
  count('publicInterest', '社会公益组织'),
  count('legalService', '法律服务机构'),
  count('otherOrg', '其他'),
  count('total', '总计'),
];

export const T4_COLUMNS: ColumnDef[] = [
  count('upheld', '结果维持'),
  count('corrected', '结果纠正'),
  count('other', '其他结果'),
  count('pending', '尚未审结'),
  count('total', '总计'),
];

const t3 = (key: string, label: string, marker: string, group?: string, aliases?: string[]): RowDef => ({
  key: `t3.${key}`,
  label,
  marker,
  group,
  aliases,
  columns: T3_COLUMNS,
});

const T3_HEAD: RowDef[] = [
  t3('newReceived', '本年新收政府信息公开申请数量', '一、'),
  t3('carriedOver', '上年结转政府信息公开申请数量', '二、'),
  t3('granted', '予以公开', '（一）', '三、本年度办理结果'),
  t3('partiallyGranted', '部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）', '三、本年度办理结果'),
  t3('denied.stateSecret', '属于国家秘密', '1.', '（三）不予公开'),
  t3('denied.lawProhibited', '其他法律行政法规禁止公开', '2.', '（三）不予公开'),
  t3('denied.safetyStability', '危及“三安全一稳定”', '3.', '（三）不予公开'),
  t3('denied.thirdParty', '保护第三方合法权益', '4.', '（三）不予公开'),
  t3('denied.internalAffairs', '属于三类内部事务信息', '5.', '（三）不予公开'),
  t3('denied.processInfo', '属于四类过程性信息', '6.', '（三）不予公开'),
  t3('denied.enforcementFile', '属于行政执法案卷', '7.', '（三）不予公开'),
  t3('denied.queryMatter', '属于行政查询事项', '8.', '（三）不予公开'),
  t3('unable.notHeld', '本机关不掌握相关政府信息', '1.', '（四）无法提供'),
  t3('unable.needsCreation', '没有现成信息需要另行制作', '2.', '（四）无法提供'),
  t3('unable.unclear', '补正后申请内容仍不明确', '3.', '（四）无法提供'),
  t3('notProcessed.complaint', '信访举报投诉类申请', '1.', '（五）不予处理'),
  t3('notProcessed.duplicate', '重复申请', '2.', '（五）不予处理'),
  t3('notProcessed.publication', '要求提供公开出版物', '3.', '（五）不予处理'),
  t3('notProcessed.massRepeated', '无正当理由大量反复申请', '4.', '（五）不予处理'),
  t3('notProcessed.confirmation', '要求行政机关确认或重新出具已获取信息', '5.', '（五）不予处理'),
];

const T3_TAIL: RowDef[] = [
  t3('totalProcessed', '总计', '（七）', '三、本年度办理结果'),
  t3('carriedForward', '结转下年度继续办理', '四、'),
];

/** The single （六）其他处理 row of 2019; a 2021 report that keeps it is read into the same key. */
export const T3_OTHER_HANDLING_2019 = t3('otherHandling', '其他处理', '（六）', '三、本年度办理结果');

export const T3_OTHER_HANDLING_2021: RowDef[] = [
  t3(
    'otherHandling.overdueCorrection',
    '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '1.',
    '（六）其他处理',
  ),
  t3(
    'otherHandling.overdueFee',
    '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '2.',
    '（六）其他处理',
  ),
  t3('otherHandling.other', '其他', '3.', '（六）其他处理'),
];

const T4_ROWS: RowDef[] = [
  { key: 't4.review', label: '行政复议', columns: T4_COLUMNS },
  { key: 't4.litigationDirect', label: '未经复议直接起诉', group: '行政诉讼', columns: T4_COLUMNS },
  { key: 't4.litigationAfterReview', label: '复议后起诉', group: '行政诉讼', columns: T4_COLUMNS },
];

const T2_DOCS_2019 = [count('made', '本年新制作数量'), count('published', '本年新公开数量'), count('totalPublished', '对外公开总数量')];
const T2_ITEMS_2019: ColumnDef[] = [
  count('previousCount', '上一年项目数量'),
  { key: 'change', label: '本年增/减', kind: 'delta' },
  count('decisions', '处理决定数量'),
];
const T2_DOCS_2021 = [count('issued', '本年制发件数'), count('repealed', '本年废止件数'), count('inForce', '现行有效件数')];
const T2_DECISIONS_2021 = [count('decisions', '本年处理决定数量')];

const T2_2019: RowDef[] = [
  { key: 't2.regulations', label: '规章', group: '第二十条第（一）项', columns: T2_DOCS_2019 },
  { key: 't2.normativeDocs', label: '规范性文件', group: '第二十条第（一）项', columns: T2_DOCS_2019 },
  { key: 't2.licensing', label: '行政许可', group: '第二十条第（五）项', columns: T2_ITEMS_2019 },
  { key: 't2.otherServices', label: '其他对外管理服务事项', group: '第二十条第（五）项', columns: T2_ITEMS_2019 },
  { key: 't2.penalty', label: '行政处罚', group: '第二十条第（六）项', columns: T2_ITEMS_2019 },
  { key: 't2.coercion', label: '行政强制', group: '第二十条第（六）项', columns: T2_ITEMS_2019 },
  { key: 't2.fees', label: '行政事业性收费', group: '第二十条第（八）项', columns: T2_ITEMS_2019.slice(0, 2) },
  {
    key: 't2.procurement',
    label: '政府集中采购',
    group: '第二十条第（九）项',
    columns: [count('projects', '采购项目数量'), { key: 'amount', label: '采购总金额', kind: 'amount', unit: '万元' }],
  },
];

const T2_2021: RowDef[] = [
  { key: 't2.regulations', label: '规章', group: '第二十条第（一）项', columns: T2_DOCS_2021 },
  {
    key: 't2.normativeDocs',
    label: '行政规范性文件',
    aliases: ['规范性文件'],
    group: '第二十条第（一）项',
    columns: T2_DOCS_2021,
  },
  { key: 't2.licensing', label: '行政许可', group: '第二十条第（五）项', columns: T2_DECISIONS_2021 },
  { key: 't2.penalty', label: '行政处罚', group: '第二十条第（六）项', columns: T2_DECISIONS_2021 },
  { key: 't2.coercion', label: '行政强制', group: '第二十条第（六）项', columns: T2_DECISIONS_2021 },
  {
    key: 't2.fees',
    label: '行政事业性收费',
    group: '第二十条第（八）项',
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount', unit: '万元' }],
  },
];

/** How a reviewer names a table: 「表三」. */
export const TABLE_LABEL: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** The section each table belongs to (二, 三, 四). */
export const TABLE_SECTION: Record<TableId, SectionId> = { t2: 's2', t3: 's3', t4: 's4' };

export const SECTIONS: SectionDef[] = [
  { id: 's1', ordinal: '一', title: '总体情况', patterns: [/总体情况|基本情况|总体概况|概述/] },
  { id: 's2', ordinal: '二', title: '主动公开政府信息情况', patterns: [/主动公开政府信息(情况|统计)/] },
  { id: 's3', ordinal: '三', title: '收到和处理政府信息公开申请情况', patterns: [/收到和处理政府信息公开申请/] },
  { id: 's4', ordinal: '四', title: '政府信息公开行政复议、行政诉讼情况', patterns: [/行政复议.{0,2}行政诉讼/] },
  { id: 's5', ordinal: '五', title: '存在的主要问题及改进情况', patterns: [/存在的?主要问题/] },
  { id: 's6', ordinal: '六', title: '其他需要报告的事项', patterns: [/其他需要报告的事项|需要说明的其他事项|其他需要说明的事项|其他事项/] },
];

/** A table is titled as its section: 表二 「主动公开政府信息情况」. */
const titleOf = (table: TableId) => SECTIONS.find((s) => s.id === TABLE_SECTION[table])!.title;

export const TEMPLATES: Record<TemplateVersion, TemplateDef> = {
  '2019': {
    version: '2019',
    notice: '国办公开办函〔2019〕60号',
    tables: [
      { id: 't2', title: titleOf('t2'), rows: T2_2019 },
      { id: 't3', title: titleOf('t3'), rows: [...T3_HEAD, T3_OTHER_HANDLING_2019, ...T3_TAIL] },
      { id: 't4', title: titleOf('t4'), rows: T4_ROWS },
    ],
  },
  '2021': {
    version: '2021',
    notice: '国办公开办函〔2021〕30号',
    tables: [
      { id: 't2', title: titleOf('t2'), rows: T2_2021 },
      { id: 't3', title: titleOf('t3'), rows: [...T3_HEAD, ...T3_OTHER_HANDLING_2021, ...T3_TAIL] },
      { id: 't4', title: titleOf('t4'), rows: T4_ROWS },
    ],
  },
};


export interface CellDef {
  key: string;
  table: TableId;
  row: RowDef;
  column: ColumnDef;
}

const cellDefCache = new Map<TemplateVersion, CellDef[]>();

/** Every cell of a template, in reading order. */
export function cellDefs(version: TemplateVersion): CellDef[] {
  let defs = cellDefCache.get(version);
  if (!defs) {
    defs = TEMPLATES[version].tables.flatMap((t) =>
      t.rows.flatMap((row) => row.columns.map((column) => ({ key: `${row.key}.${column.key}`, table: t.id, row, column }))),
    );
    cellDefCache.set(version, defs);
  }
  return defs;
}

export function cellKeys(version: TemplateVersion): string[] {
  return cellDefs(version).map((d) => d.key);
}

/** A row as findings and reviewers name it: （三）1.属于国家秘密, 行政诉讼（复议后起诉）. */
export function rowName(def: RowDef): string {
  const label = def.label.replace(/（[^）]*）$/, '');
  if (def.key.startsWith('t4.')) return def.group ? `${def.group}（${label}）` : label;
  const groupMarker = def.group?.match(/^（[一二三四五六七]）/)?.[0];
  return `${groupMarker && def.marker !== groupMarker ? groupMarker : ''}${def.marker ?? ''}${label}`;
}

/** A cell as a reviewer names it: 表四“行政诉讼（复议后起诉）” · 尚未审结 (null: not a cell of the template). */
export function cellName(version: TemplateVersion, key: string): string | null {
  const def = cellDef(version, key);
  return def ? `${TABLE_LABEL[def.table]}“${rowName(def.row)}” · ${def.column.label.replace(/（单位：[^）]*）/, '')}` : null;
}

const defIndex = new Map<string, CellDef>();
/** Definition of one cell key in a template (the 2019 row （六）其他处理 is known to both). */
export function cellDef(version: TemplateVersion, key: string): CellDef | undefined {
  const k = `${version}:${key}`;
  if (!defIndex.size) {
    for (const v of ['2019', '2021'] as const) for (const d of cellDefs(v)) defIndex.set(`${v}:${d.key}`, d);
    for (const column of T3_COLUMNS) {
      const key2019 = `${T3_OTHER_HANDLING_2019.key}.${column.key}`;
      defIndex.set(`2021:${key2019}`, { key: key2019, table: 't3', row: T3_OTHER_HANDLING_2019, column });
    }
  }
  return defIndex.get(k);
}
