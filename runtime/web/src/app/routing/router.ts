import { useSyncExternalStore } from 'react';

/**
 * A very small history router: the app's routes are few and parsed by `app-routes.ts`, so a
 * router package would only add weight to the first load.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query; components re-render when they change. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://app.invalid');
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** Asked before the app leaves the page: false keeps the user where they are (unsaved input). */
const leaveGuards = new Set<() => boolean>();

/**
 * While `mayLeave` is registered, in-app navigation asks it first and the browser asks before
 * closing or reloading the tab. Returns the unregistering function (an effect's cleanup).
 */
export function guardLeaving(mayLeave: () => boolean): () => void {
  leaveGuards.add(mayLeave);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!mayLeave()) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    leaveGuards.delete(mayLeave);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  for (const mayLeave of leaveGuards) if (!mayLeave()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo({ top: 0 });
  notify();
}
