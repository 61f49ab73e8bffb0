export { audit, runRules, type AuditContext, type PeerNarrative, type RectificationContext } from './engine';
export { analyze, type Analysis } from './analyze';
export { rules } from './rules';
export type { Rule, RuleMeta, RuleContext } from './rule';
export { rulesReference, rulesMarkdown, type RuleReference } from './reference';
export { loadRubric, validateRubric, getDefaultRubric, RubricError, type Rubric, type RuleConfig, type Thresholds } from './rubric';
export { score, gradeOf } from './score';
export {
  signature,
  similarity,
  containment,
  bandKeys,
  normalizeForSimilarity,
  encodeSignature,
  decodeSignature,
  LshIndex,
  LSH_BANDS,
  SIGNATURE_SIZE,
  type Signature,
} from './similarity';
export { narrativeText, narrativeSignature } from './originality';
export { renderFinding, renderMessage, formatMessage, type MessageData, type RenderOptions } from './messages';
