/** Colours of the model's enumerations, and their Chinese names (declared once in @nianbao/model). */
import type { CellState } from '@nianbao/model';
import type { Category, Grade, IngestStatus, Severity } from './api/types';

export {
  AGENCY_KINDS,
  CATEGORIES,
  CATEGORY_LABEL,
  GRADES,
  KIND_LABEL,
  REGION_PREFIX,
  REGION_PREFIX_HINT,
  ROLES,
  ROLE_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
  TEMPLATE_LABEL,
  TEMPLATE_SHORT,
} from '@nianbao/model';

export const CATEGORY_COLOR: Record<Category, string> = {
  completeness: '#1677ff',
  accuracy: '#fa8c16',
  conformity: '#722ed1',
  timeliness: '#13c2c2',
};

export const SEVERITY_COLOR: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'default' };

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
  'cell.correct': { label: '更正单元格', color: 'lime' },
  'cell.correct-revoked': { label: '撤销更正', color: 'lime' },
  'agency.alias': { label: '添加机关别名', color: 'orange' },
  'agency.merge': { label: '合并机关', color: 'orange' },
  'roster.import': { label: '导入应报送名单', color: 'gold' },
  'roster.add': { label: '名单新增单位', color: 'gold' },
  'roster.update': { label: '修改名单单位', color: 'gold' },
  'roster.filing': { label: '登记报送日期', color: 'gold' },
  'deadline.set': { label: '设定发布期限', color: 'gold' },
  'office.settings': { label: '修改本机关设置', color: 'gold' },
  'rectification.open': { label: '下发整改通知书', color: 'volcano' },
};

/** The one form of the command that creates the first administrator (as the README gives it). */
export const ADD_ADMIN_COMMAND =
  'echo "一个足够长的密码" | npx -y pnpm@10 --silent users add 用户名 --role admin';
