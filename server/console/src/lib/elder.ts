// 适老化 mode (large type, high contrast), kept in localStorage so it survives sign-out and new tabs.
import { useSyncExternalStore } from 'react';

const KEY = 'haoban.elder';
const listeners = new Set<() => void>();

function apply(on: boolean) {
  document.documentElement.classList.toggle('hb-elder', on);
}

export const elderMode = {
  get: (): boolean => localStorage.getItem(KEY) === '1',
  set(on: boolean) {
    localStorage.setItem(KEY, on ? '1' : '0');
    apply(on);
    listeners.forEach((l) => l());
  },
};

apply(elderMode.get());

export function useElderMode(): boolean {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), elderMode.get);
}
