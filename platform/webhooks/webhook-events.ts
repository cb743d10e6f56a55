/**
 * The record events a webhook subscribes to (`*`: every one). Plain data without imports, so
 * the studio's event picker reads the same list the server validates against.
 */
export const webhookEvents = [
  'record.created', 'record.updated', 'record.deleted', 'record.restored', 'record.transitioned',
  'record.claimed', 'record.released', 'record.assigned', 'record.extended',
] as const;

/** The event of a test delivery (`POST /webhooks/{id}/ping`): sent when asked, never subscribed to. */
export const pingEvent = 'webhook.ping';
