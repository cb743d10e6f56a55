import { useEffect, useRef, useState } from 'react';
import { cameBack, useLocation } from '../routing/router.ts';
import type { RecordPages } from './use-record-pages.ts';

/** Where a list was left: how many rows it had loaded, and how far down the page was scrolled. */
export interface ListPlace {
  rows: number;
  top: number;
}

/**
 * The most rows a list gone back to loads again, in one request: a BD who had scrolled through
 * more finds the list as far down as these reach (and loads on from there).
 */
export const maxReturnRows = 300;
/** How many lists' places the tab keeps, the latest left (sessionStorage: the tab's, gone with it). */
const keptPlaces = 20;
const storageKey = 'shoal.listPlaces';

function storedPlaces(): Array<[string, ListPlace]> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(stored) ? stored.filter((entry): entry is [string, ListPlace] => Array.isArray(entry) && typeof entry[0] === 'string'
      && Number.isInteger(entry[1]?.rows) && typeof entry[1]?.top === 'number') : [];
  } catch {
    return [];
  }
}

/** Keeps where the list at `address` (path and query) was left. */
export function rememberPlace(address: string, place: ListPlace): void {
  const others = storedPlaces().filter(([kept]) => kept !== address).slice(-(keptPlaces - 1));
  try {
    sessionStorage.setItem(storageKey, JSON.stringify([...others, [address, place]]));
  } catch {
    // Storage off or full: going back opens the list at its top, as before.
  }
}

/** Where the list at `address` was left, its rows bounded by `maxReturnRows`. */
export function placeOf(address: string): ListPlace | undefined {
  const place = storedPlaces().find(([kept]) => kept === address)?.[1];
  return place && { rows: Math.min(place.rows, maxReturnRows), top: place.top };
}

/**
 * Where the list was left, when the app went back to it (Back, Forward, a record's ←, a reload): read once,
 * as it opens. A list opened afresh (the menu, a link) has none and starts at its top. Its `rows`
 * are what the list loads first (`useRecordPages`' `firstRows`).
 */
export function useReturnedPlace(): ListPlace | undefined {
  const { href } = useLocation();
  const [place] = useState(() => (cameBack() ? placeOf(href) : undefined));
  return place;
}

/**
 * Keeps where the list is (the rows `pages` has loaded, how far the page is scrolled) under its
 * address for when it is left, and once the rows of `returned` are back, scrolls to where it was.
 */
export function useKeptPlace(pages: RecordPages, returned: ListPlace | undefined): void {
  const { pathname, href } = useLocation();
  const now = useRef({ href, rows: returned?.rows ?? 0, top: returned?.top ?? 0 });
  useEffect(() => {
    now.current.href = href;
    // While a first load is on its way, the list still stands for the rows it had.
    if (!pages.loading) now.current.rows = pages.records.length;
  });
  useEffect(() => {
    // Only this list's scrolling: the page opened from it scrolls to its own top.
    const scrolled = () => { if (window.location.pathname === pathname) now.current.top = window.scrollY; };
    window.addEventListener('scroll', scrolled, { passive: true });
    // A click that leaves (a row's link) can come before the scroll event of a scroll just
    // before it (the event waits for the next frame): the place is read at the click too.
    window.addEventListener('click', scrolled, { capture: true });
    const remember = () => rememberPlace(now.current.href, { rows: now.current.rows, top: now.current.top });
    // Left by the app (a link, Back) or by the tab (a reload, another site), which unmounts nothing.
    window.addEventListener('pagehide', remember);
    return () => {
      window.removeEventListener('scroll', scrolled);
      window.removeEventListener('click', scrolled, { capture: true });
      window.removeEventListener('pagehide', remember);
      remember();
    };
  }, [pathname]);
  const restored = useRef(false);
  useEffect(() => {
    if (!returned || restored.current || pages.loading) return;
    restored.current = true;
    window.scrollTo({ top: returned.top });
  }, [returned, pages.loading]);
}
