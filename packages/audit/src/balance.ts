/** The identity rules' shared evaluation: every identity instance of the report, evaluated once. */
import { evaluate, identitiesOf, unionSpan, type IdentityKind, type IdentityResult } from './helpers';
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

/** Reports the broken instances of one kind of identity. */
export function reportBroken(ctx: RuleContext, kind: IdentityKind, message: (res: IdentityResult) => string) {
  for (const res of identityResults(ctx)) {
    if (res.identity.kind !== kind || res.status !== 'broken') continue;
    ctx.report({ message: message(res), cells: identityCells(res), span: identitySpan(ctx, res), key: res.identity.key });
  }
}
