import type { DeliveryPage, WebhookDelivery } from '../../api/integrations-api.ts';

/** Newest first, as the log lists them: by time, then id (both descending). */
function newer(a: WebhookDelivery, b: WebhookDelivery): boolean {
  return a.createdAt === b.createdAt ? a.id > b.id : a.createdAt > b.createdAt;
}

/**
 * The log after reading its first page again (a refresh, a poll while deliveries are pending):
 * the fresh first page, then the older deliveries already loaded below it, with the cursor that
 * continues after the last one shown.
 */
export function mergeFirstPage(shown: DeliveryPage, first: DeliveryPage): DeliveryPage {
  const last = first.data[first.data.length - 1];
  if (!last || first.nextCursor === null) return first;
  const older = shown.data.filter((d) => newer(last, d));
  return older.length > 0 ? { data: [...first.data, ...older], nextCursor: shown.nextCursor } : first;
}
