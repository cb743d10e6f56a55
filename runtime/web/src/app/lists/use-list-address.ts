import { useEffect, useState } from 'react';
import { rewriteAddress, useLocation } from '../routing/router.ts';
import { listAddressQuery, readListAddress, type ListAddress } from './list-url-state.ts';

/**
 * What the list's address said when the page opened: what to start from. The page is keyed by
 * `useArrival()`, so a link or Back to it opens it afresh from the address it arrives at.
 */
export function useOpeningAddress(): ListAddress {
  const { search } = useLocation();
  const [opening] = useState(() => readListAddress(search));
  return opening;
}

/**
 * Keeps what the list shows in its address as it changes (in place, not as new history): each
 * part only where it differs from `start`, what the list shows by itself.
 */
export function useKeptInAddress(shown: ListAddress, start: ListAddress): void {
  const { pathname, search } = useLocation();
  const query = listAddressQuery(search, shown, start);
  useEffect(() => rewriteAddress(pathname, query), [pathname, query]);
}

/**
 * The list's state as its address says it now, and a change to it (written in place): for a page
 * whose state changes only by a click or a search sent (私海's week switch), not on every key.
 */
export function useListAddress(): [ListAddress, (change: ListAddress) => void] {
  const { pathname, search } = useLocation();
  const address = readListAddress(search);
  const keep = (change: ListAddress) => rewriteAddress(pathname, listAddressQuery(search, { ...address, ...change }, {}));
  return [address, keep];
}
