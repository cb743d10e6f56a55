import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** The studio's router: history API, no dependency. Paths are absolute (`/studio/...`). */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export const studioBase = '/studio';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => location.pathname + location.search;

export interface Location {
  /** Path segments after `/studio/`. */
  segments: string[];
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://x');
  const path = url.pathname.startsWith(studioBase) ? url.pathname.slice(studioBase.length) : url.pathname;
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: url.searchParams };
}

/** A link that navigates without reloading (ctrl/cmd-click still opens a new tab). */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return createElement('a', { ...rest, href: to, onClick }, children);
}

/** The path of a studio screen of `tenant`: `tenantPath('t', 'objects/shop')` (keys are URL-safe by their patterns). */
export function tenantPath(tenant: string, path = ''): string {
  return `${studioBase}/${encodeURIComponent(tenant)}/${path}`;
}
