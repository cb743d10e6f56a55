import type { JobQueue } from '../jobs/job-queue.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { Storage } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { runImport } from './csv-import.ts';
import type { RecordHooks } from './record-hooks.ts';

export const importQueue = 'shoal-import';

/** Declares the import queue: a job whose process dies is retried and resumes where it stopped. */
export async function registerImportJobs(queue: JobQueue, storage: Storage, tenants: TenantDirectory, cache: MetadataCache, hooks: RecordHooks, clock: () => Date): Promise<void> {
  await queue.handle<{ tenantId: string; jobId: string }>(importQueue, ({ tenantId, jobId }) => runImport(storage, tenants, cache, hooks, tenantId, jobId, clock), {
    retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 60 * 60,
  });
}
