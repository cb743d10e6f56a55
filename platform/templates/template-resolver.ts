import { isShoalError } from '../errors.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { Storage } from '../storage/storage.ts';
import type { TemplateResolver } from '../tenants/tenant-service.ts';
import { loadTemplate } from './load-template.ts';
import { generateSampleData } from './sample-data.ts';
import { seedTemplate } from './seed-template.ts';

/**
 * Resolves template names to the templates under `tenants/`: their metadata document and,
 * when sample data is wanted, a seed step that generates and loads it once the first version
 * is live.
 */
export function fileTemplateResolver(storage: Storage, cache: MetadataCache): TemplateResolver {
  return (name, options) => {
    let template;
    try {
      template = loadTemplate(name);
    } catch (error) {
      if (isShoalError(error) && (error.code === 'not_found' || error.code === 'bad_request')) return undefined;
      throw error;
    }
    return {
      document: template.document,
      ...(options.sampleData
        ? {
            seed: async (tenant, context) => {
              const compiled = await cache.live(tenant);
              const data = generateSampleData(template.sampleData, template.document, { now: context.now.toISOString() });
              return seedTemplate(storage, compiled, data, { skipEmails: context.skipEmails ?? [] });
            },
          }
        : {}),
    };
  };
}
