import { useSyncExternalStore } from 'react';

/**
 * A very small history router: the app's routes are few and parsed by `app-routes.ts`, so a
 * router package would only add weight to the first load.
 */
const listeners = new Set<() => void>();
const snapshot = () => window.location.pathname + window.location.search;
/** The address of the page the app shows. */
let shown = typeof window !== 'undefined' ? snapshot() : '';
/** Its history entry's state (where it was opened from), put back with it when Back is refused. */
let shownState: unknown = typeof window !== 'undefined' ? window.history.state : null;
/** How many times the app has gone to a page (a link, Back, Forward); a page rewriting its own address does not count. */
let arrivals = 0;
/**
 * Whether the last arrival went back to a page seen before (Back, Forward, a record's ←), not to
 * one opened afresh. The first page is one seen before when the tab reloaded it (F5) or came back
 * to the app by the browser's Back or Forward from another site.
 */
let returned = typeof window !== 'undefined' && loadedAgain();

function loadedAgain(): boolean {
  const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return entry?.type === 'reload' || entry?.type === 'back_forward';
}

function notify(arrived = true, returning = false): void {
  if (arrived) {
    arrivals += 1;
    returned = returning;
  }
  shown = snapshot();
  shownState = window.history.state;
  for (const listener of listeners) listener();
}

/**
 * The browser's Back (or Forward) asks as the app's links do: staying puts the address of the
 * page still shown back (its forward history is then gone, as after any new page).
 */
function onPopState(): void {
  if (snapshot() === shown) return;
  if (!mayLeave()) {
    window.history.pushState(shownState, '', shown);
    return;
  }
  notify(true, true);
}

if (typeof window !== 'undefined') window.addEventListener('popstate', onPopState);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path and query; components re-render when they change. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://app.invalid');
  return { pathname: url.pathname, search: url.searchParams, href };
}

const arrivalCount = () => arrivals;

/**
 * Whether the app came to the page shown by going back to it (Back, Forward, a link marked
 * `returning`: a record's ← to the list it was opened from; a reload), not afresh (a menu, a
 * link, the first load): a list then opens where it was left, not at its top.
 */
export function cameBack(): boolean {
  return returned;
}

/**
 * Changes when the app arrives at a page (a link, Back, Forward, even to the page shown), not
 * when a page rewrites its own address: a page keyed by it starts afresh from its address.
 */
export function useArrival(): number {
  return useSyncExternalStore(subscribe, arrivalCount, arrivalCount);
}

/**
 * Writes what the page at `pathname` shows (a list's filter and order) into its address, in
 * place: no new history entry, no scrolling, no arrival; nothing once another page is shown.
 * Back, and a page opened from this one (`cameFrom`), then return to it as it was left.
 */
export function rewriteAddress(pathname: string, query: string): void {
  const to = pathname + query;
  if (window.location.pathname !== pathname || to === snapshot()) return;
  try {
    window.history.replaceState(window.history.state, '', to);
  } catch {
    // A browser that refuses many rewrites in a row (Safari) keeps the last address; the next change writes it.
    return;
  }
  notify(false);
}

/** Asked before the app leaves the page: what would be lost, and how to ask about it. */
const leaveGuards = new Set<{ unsaved: () => boolean; question: string }>();

/**
 * While registered, in-app navigation asks `question` (a confirm) first where `unsaved()` says
 * something would be lost, and the browser asks before closing or reloading the tab. Returns
 * the unregistering function (an effect's cleanup).
 */
export function guardLeaving(unsaved: () => boolean, question: string): () => void {
  const guard = { unsaved, question };
  leaveGuards.add(guard);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (unsaved()) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    leaveGuards.delete(guard);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}

/** Whether something on the page (a form with input not saved) would be lost now. */
export function wouldLoseInput(): boolean {
  for (const guard of leaveGuards) if (guard.unsaved()) return true;
  return false;
}

/** Whether the page may be left: nothing would be lost, or the user said to leave it. */
function mayLeave(): boolean {
  for (const guard of leaveGuards) if (guard.unsaved() && !window.confirm(guard.question)) return false;
  return true;
}

/**
 * Goes to `to` in the app. A new entry remembers the page it was opened from (`cameFrom`), so a
 * record's ← can lead back to the list it was opened from (私海, a filtered list) rather than to
 * its object's whole list, and a related record's create page goes back to its record instead of
 * opening it again; an entry replaced keeps what it had. `returning` goes back to a page seen
 * before (`cameBack`), as Back would.
 */
export function navigate(to: string, options: { replace?: boolean; returning?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (!mayLeave()) return;
  if (options.replace) window.history.replaceState(window.history.state, '', to);
  else window.history.pushState({ from: shown }, '', to);
  window.scrollTo({ top: 0 });
  notify(true, options.returning);
}

/** The address of the app page the current one was opened from, when it was opened by the app. */
export function cameFrom(): string | undefined {
  const from = (window.history.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' ? from : undefined;
}

/** Goes one page back, resolving once the app has followed (or, should the browser not, goes to `path` in this page's place). */
export function backTo(path: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { window.removeEventListener('popstate', done); navigate(path, { replace: true }); resolve(); }, 1500);
    function done() { clearTimeout(timer); resolve(); }
    window.addEventListener('popstate', done, { once: true });
    window.history.back();
  });
}

/**
 * Leaves a page whose subject is gone (a record just deleted) for `to`, so that Back does not
 * open it again: back to the entry it was opened from when that is `to` (Back then goes where it
 * went before the page was opened), else to `to` in the page's place.
 */
export function leaveGonePage(to: string): Promise<void> {
  if (cameFrom() === to) return backTo(to);
  navigate(to, { replace: true });
  return Promise.resolve();
}
