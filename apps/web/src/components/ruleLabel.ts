import { useCallback } from 'react';
import { useRules } from '../api/hooks';

/** A rule's one-line Chinese description from the rules API (its id until the rules have loaded). */
export function useRuleLabel(): (id: string) => string {
  const rules = useRules();
  return useCallback((id: string) => rules.data?.find((r) => r.id === id)?.description ?? id, [rules.data]);
}
