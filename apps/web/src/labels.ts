/** Chinese names and colours of the model's enumerations, in one place. */
import type { CellState } from '@nianbao/model';
import type { AgencyKind, Category, Grade, IngestStatus, Role, Severity } from './api/types';

export const CATEGORIES: Category[] = ['completeness', 'accuracy', 'conformity', 'timeliness'];

export const CATEGORY_LABEL: Record<Category, string> = {
  completeness: '内容完整性',
  accuracy: '数据准确性',
  conformity: '格式规范性',
  timeliness: '发布及时性',
};

/** Default rubric weights (spec/rules.md); the rules page shows the active ones when the API sends them. */
export const DEFAULT_WEIGHTS: Record<Category, number> = {
  completeness: 40,
  accuracy: 30,
  conformity: 20,
  timeliness: 10,
};

export const CATEGORY_COLOR: Record<Category, string> = {
  completeness: '#1677ff',
  accuracy: '#fa8c16',
  conformity: '#722ed1',
  timeliness: '#13c2c2',
};

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'default' };

export const GRADES: Grade[] = ['优秀', '良好', '合格', '不合格'];
export const GRADE_COLOR: Record<Grade, string> = {
  优秀: '#389e0d',
  良好: '#1677ff',
  合格: '#d48806',
  不合格: '#cf1322',
};
/** antd Tag preset colour per grade. */
export const GRADE_TAG: Record<Grade, string> = {
  优秀: 'success',
  良好: 'processing',
  合格: 'warning',
  不合格: 'error',
};

export const KIND_LABEL: Record<AgencyKind, string> = { government: '人民政府', department: '部门' };

export const LEVEL_LABEL: Record<'province' | 'city' | 'county', string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};

export const INGEST_STATUS: Record<IngestStatus, { label: string; color: string }> = {
  ingested: { label: '已导入', color: 'success' },
  'new-version': { label: '新版本', color: 'processing' },
  unchanged: { label: '未变化（已存在）', color: 'default' },
  failed: { label: '失败', color: 'error' },
};

export const CELL_STATE_LABEL: Record<CellState, string> = {
  value: '数值',
  blank: '空白',
  dash: '占位符（—、/、无）',
  text: '文字',
  absent: '缺失（表格中无此行/列）',
};

export const TEMPLATE_SHORT: Record<'2019' | '2021' | 'unknown', string> = {
  '2019': '2019 版',
  '2021': '2021 版',
  unknown: '未识别',
};

export const TEMPLATE_LABEL: Record<'2019' | '2021' | 'unknown', string> = {
  '2019': '2019 版（国办公开办函〔2019〕60号）',
  '2021': '2021 版（国办公开办函〔2021〕30号）',
  unknown: '未识别',
};

export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', reviewer: '审核员', viewer: '查看者' };

/** The audit log's actions; an action not listed shows as written. */
/** Why a file could not be imported, by the error code the API records. */
export const INGEST_ERROR_LABEL: Record<string, string> = {
  'unsupported-format': '不支持的文件格式',
  encoding: '无法识别文字编码',
  empty: '文件没有文字内容',
  corrupt: '文件已损坏',
  'ocr-needed': '扫描件，需要文字识别',
  'too-large': '文件过大',
  'zip-bomb': '压缩包解压后过大',
  'too-deep': '压缩包嵌套过深',
  'unsafe-path': '压缩包内路径不安全',
  encrypted: '文件已加密',
  'not-a-report': '不是政府信息公开工作年度报告',
  'store-failed': '保存失败',
};

export const AUDIT_ACTION: Record<string, { label: string; color: string }> = {
  'session.login': { label: '登录', color: 'default' },
  'session.login-failed': { label: '登录失败', color: 'warning' },
  'session.logout': { label: '退出登录', color: 'default' },
  'user.create': { label: '创建账号', color: 'purple' },
  'user.update': { label: '修改账号', color: 'purple' },
  'user.delete': { label: '删除账号', color: 'purple' },
  'user.password': { label: '修改密码', color: 'purple' },
  'report.import': { label: '导入报告', color: 'blue' },
  'report.rescore': { label: '重新评分', color: 'cyan' },
  'report.copied-from': { label: '发现雷同报告', color: 'magenta' },
  'finding.review': { label: '审核问题', color: 'green' },
  'finding.review-revoked': { label: '撤销审核', color: 'green' },
  'agency.alias': { label: '添加机关别名', color: 'orange' },
  'agency.merge': { label: '合并机关', color: 'orange' },
};

/** The one form of the command that creates the first administrator (as the README gives it). */
export const ADD_ADMIN_COMMAND =
  'echo "一个足够长的密码" | npx -y pnpm@10 --silent users add 用户名 --role admin';
