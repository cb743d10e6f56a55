import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { webhooksAvailability } from './webhooks-availability.ts';

const doc = (enabled?: string[]) => ({ name: 't', objects: {}, ...(enabled ? { components: { enabled } } : {}) }) as unknown as MetadataDocument;

describe('webhooksAvailability', () => {
  it('reads the live version for now and the draft for after the next publish', () => {
    expect(webhooksAvailability(doc(), doc())).toEqual({ live: true, draft: true });
    expect(webhooksAvailability(doc(['pools']), doc(['pools', 'webhooks']))).toEqual({ live: false, draft: true });
    expect(webhooksAvailability(doc(['webhooks']), doc(['pools']))).toEqual({ live: true, draft: false });
    expect(webhooksAvailability(undefined, doc())).toEqual({ live: false, draft: true });
  });
});
