/**
 * A list page's filters kept in the URL (so a filtered list can be bookmarked, shared and reloaded):
 * reading them, changing some (back to the first page), paging, and the search box, whose text is
 * sent only on search but follows the URL (back / forward).
 */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export type FilterPatch = Record<string, string | number | undefined>;

const DEFAULT_PAGE_SIZE = 50;

export function useUrlFilters(options: { onChange?: () => void } = {}) {
  const [params, setParams] = useSearchParams();
  const text = (key: string): string | undefined => params.get(key) || undefined;
  const number = (key: string): number | undefined => Number(params.get(key)) || undefined;
  /** A value among `allowed`, else undefined (a hand-edited URL selects nothing). */
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = params.get(key);
    return allowed.includes(v as T) ? (v as T) : undefined;
  };

  /** Sets (or, with undefined or '', removes) filters; any change goes back to the first page. */
  const set = (patch: FilterPatch) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    options.onChange?.();
    setParams(next);
  };
  const reset = () => {
    options.onChange?.();
    setParams({});
  };

  const page = number('page') ?? 1;
  const pageSize = number('pageSize') ?? DEFAULT_PAGE_SIZE;
  /** The table's pagination, its page and size in the URL (left out when they are the defaults). */
  const pagination = {
    current: page,
    pageSize,
    onChange: (p: number, size: number) =>
      set({ page: p === 1 ? undefined : p, pageSize: size === DEFAULT_PAGE_SIZE ? undefined : size }),
  };

  const q = text('q') ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  /** Props of an `Input.Search` bound to the `q` filter. */
  const search = {
    value: typed,
    onChange: (e: { target: { value: string } }) => setTyped(e.target.value),
    onSearch: (v: string) => set({ q: v.trim() }),
  };

  return { params, text, number, oneOf, set, reset, page, pageSize, pagination, search };
}
