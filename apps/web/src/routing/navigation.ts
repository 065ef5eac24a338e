import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

/** Moves to another page of the dashboard without reloading it. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (`${window.location.pathname}${window.location.search}` === to) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current address (path and query), re-rendering on every change. */
export function useCurrentAddress(): { pathname: string; searchParams: URLSearchParams } {
  const address = useSyncExternalStore(subscribe, () => `${window.location.pathname}${window.location.search}`);
  const url = new URL(address, window.location.origin);
  return { pathname: url.pathname, searchParams: url.searchParams };
}
