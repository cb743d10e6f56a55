import { enabledComponents } from '../../../../platform/components/component-registry.ts';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';

/** Whether the `webhooks` component is on now (live) and after the next publish (draft). */
export interface WebhooksAvailability {
  live: boolean;
  draft: boolean;
}

/**
 * Webhook endpoints exist only while the live version enables the component (a document without
 * `components` enables them all); the draft says whether the next publish switches it on or off.
 */
export function webhooksAvailability(live: MetadataDocument | undefined, draft: MetadataDocument): WebhooksAvailability {
  const on = (document: MetadataDocument) => enabledComponents(document.components?.enabled).has('webhooks');
  return { live: live !== undefined && on(live), draft: on(draft) };
}
