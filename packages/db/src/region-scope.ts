/**
 * Region scope: a user limited to a GB/T 2260 subtree (`36`, `3605`, `360502`, or the same padded to
 * six digits) sees only agencies whose region code falls in that subtree.
 */
import { subtreeRange } from './regions';

/** True when the (6-digit) region code lies in the subtree of `scope` (null scope: everywhere). */
export function inScope(code: string | null | undefined, scope: string | null | undefined): boolean {
  if (!scope) return true;
  if (!code) return false;
  const [lo, hi] = subtreeRange(scope);
  const c = code.padEnd(6, '0');
  return c >= lo && c < hi;
}

/**
 * A region filter narrowed to a user's scope: the filter when it lies inside the scope, the scope
 * when the filter is wider (or absent), and `null` when the two do not overlap.
 */
export function clampRegion(
  filter: string | null | undefined,
  scope: string | null | undefined,
): string | null | undefined {
  if (!scope) return filter ?? undefined;
  if (!filter) return scope;
  const [flo, fhi] = subtreeRange(filter);
  const [slo, shi] = subtreeRange(scope);
  if (flo >= slo && fhi <= shi) return filter;
  if (slo >= flo && shi <= fhi) return scope;
  return null;
}
