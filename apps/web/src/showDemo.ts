/**
 * Whether the dashboard shows the demo province (示例数据) beside the real reports: off unless the
 * user turns it on (the switch in the header), remembered in this browser. Every list, figure and
 * export the API computes over many reports asks for it (`demo=true`) only then.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'nianbao.showDemo';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setShowDemo(on: boolean) {
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // storage refused (private mode): the choice holds until the page is left
  }
  current = on;
  for (const l of listeners) l();
}

let current = read();

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const useShowDemo = () => useSyncExternalStore(subscribe, () => current);
