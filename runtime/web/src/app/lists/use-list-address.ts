import { useEffect, useState } from 'react';
import { rewriteAddress, useLocation } from '../routing/router.ts';
import { listAddressQuery, readListAddress, type ListAddress } from './list-url-state.ts';

/**
 * What the list's address said when the page opened: what to start from. The page is keyed by
 * `useArrival()`, so a link or Back to it opens it afresh from the address it arrives at. With
 * `useKeptInAddress`, the one way every list (objects' lists, 公海, 私海) keeps its state in its
 * address: the state is the page's, the address follows it.
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
