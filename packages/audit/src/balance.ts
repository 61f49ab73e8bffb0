/** The identity rules' shared evaluation: every identity instance of the report, evaluated once. */
import { evaluate, identitiesOf, identityData, unionSpan, type IdentityKind, type IdentityResult } from './helpers';
import type { RuleContext } from './rule';

export function identityResults(ctx: RuleContext): IdentityResult[] {
  return ctx.memo('identities', () =>
    identitiesOf(ctx.parsed, ctx.version).map((identity) => evaluate(identity, (k) => ctx.cell(k))),
  );
}

export function identitySpan(ctx: RuleContext, res: IdentityResult) {
  return unionSpan([...res.identity.lhs, ...res.identity.rhs].map((t) => ctx.cell(t.key).span));
}

export const identityCells = (res: IdentityResult) => [...res.identity.lhs, ...res.identity.rhs].map((t) => t.key);

/** The message of a broken identity: 「表三“自然人”列：本年新收(0)+上年结转(1)≠办理结果总计(空)+结转下年度(缺)」. */
export const BROKEN_MESSAGES = { broken: '{where}：{lhs}≠{rhs}' };

/** Reports the broken instances of one kind of identity (with message `broken` of BROKEN_MESSAGES). */
export function reportBroken(ctx: RuleContext, kind: IdentityKind) {
  for (const res of identityResults(ctx)) {
    if (res.identity.kind !== kind || res.status !== 'broken') continue;
    ctx.report({
      messageId: 'broken',
      data: identityData(res, (k) => ctx.cell(k)),
      cells: identityCells(res),
      span: identitySpan(ctx, res),
      key: res.identity.key,
    });
  }
}
