import type { Migration } from 'kysely';
import * as platform from './0001-platform.ts';
import * as work from './0002-work.ts';
import * as webhookRetries from './0003-webhook-retries.ts';
import * as orderedDocuments from './0004-ordered-documents.ts';
import * as leakproofAccessors from './0005-leakproof-accessors.ts';
import * as recordsUpdatedIndex from './0006-records-updated-index.ts';
import * as appendOnlyWithoutTenantFk from './0007-append-only-without-tenant-fk.ts';
import * as onePrivatePoolIndex from './0008-one-private-pool-index.ts';
import * as uniqueValues from './0009-unique-values.ts';
import * as workOrderPriority from './0010-work-order-priority.ts';
import * as closedWorkOrdersIndex from './0011-closed-work-orders-index.ts';
import * as objectValueStatistics from './0012-object-value-statistics.ts';
import * as closeWorkOrdersOnOwnerChange from './0013-close-work-orders-on-owner-change.ts';
import * as workOrderClosedHistory from './0014-work-order-closed-history.ts';
import * as jobUnchangedRows from './0015-job-unchanged-rows.ts';
import * as heldWebhookDeliveries from './0016-held-webhook-deliveries.ts';
import * as jobResults from './0017-job-results.ts';
import * as workOrderQueueIndexes from './0018-work-order-queue-indexes.ts';
import * as personalViews from './0019-personal-views.ts';
import * as userLocale from './0020-user-locale.ts';
import * as loginFailures from './0021-login-failures.ts';
import * as draftRevisions from './0022-draft-revisions.ts';
import * as ownersOutsidePools from './0023-owners-outside-pools.ts';
import * as writeLockAtVersion from './0026-write-lock-at-version.ts';
import * as clearPoolStateOutsidePools from './0027-clear-pool-state-outside-pools.ts';

/**
 * The platform migrations, in order. Names sort lexically; a new migration is a new file and a
 * new line here, never an edit of an applied one.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': platform,
  '0002-work': work,
  '0003-webhook-retries': webhookRetries,
  '0004-ordered-documents': orderedDocuments,
  '0005-leakproof-accessors': leakproofAccessors,
  '0006-records-updated-index': recordsUpdatedIndex,
  '0007-append-only-without-tenant-fk': appendOnlyWithoutTenantFk,
  '0008-one-private-pool-index': onePrivatePoolIndex,
  '0009-unique-values': uniqueValues,
  '0010-work-order-priority': workOrderPriority,
  '0011-closed-work-orders-index': closedWorkOrdersIndex,
  '0012-object-value-statistics': objectValueStatistics,
  '0013-close-work-orders-on-owner-change': closeWorkOrdersOnOwnerChange,
  '0014-work-order-closed-history': workOrderClosedHistory,
  '0015-job-unchanged-rows': jobUnchangedRows,
  '0016-held-webhook-deliveries': heldWebhookDeliveries,
  '0017-job-results': jobResults,
  '0018-work-order-queue-indexes': workOrderQueueIndexes,
  '0019-personal-views': personalViews,
  '0020-user-locale': userLocale,
  '0021-login-failures': loginFailures,
  '0022-draft-revisions': draftRevisions,
  '0023-owners-outside-pools': ownersOutsidePools,
  '0026-write-lock-at-version': writeLockAtVersion,
  '0027-clear-pool-state-outside-pools': clearPoolStateOutsidePools,
};
