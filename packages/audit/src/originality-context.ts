import { contentLength } from './helpers';
import { narrativeText } from './originality';
import { normalizeForSimilarity, signature, type Signature } from './similarity';
import type { RuleContext } from './rule';

/** This report's narrative signature, computed once per audit; null when the narrative is too short to judge. */
export function ownSignature(ctx: RuleContext): Signature | null {
  return ctx.memo('narrativeSignature', () => {
    const text = normalizeForSimilarity(narrativeText(ctx.parsed, ctx.text));
    if (contentLength(text) < ctx.rubric.thresholds.minNarrativeChars) return null;
    // the store computed it already (the same narrative, the same hashing), to find the peers
    return ctx.audit.signature ?? signature(text, { normalized: true });
  });
}

export function signatureOfText(text: string): Signature {
  return signature(normalizeForSimilarity(text), { normalized: true });
}
