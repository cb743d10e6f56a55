import { sql } from 'kysely';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import { tenantLiteral, type Storage } from '../storage/storage.ts';
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

/**
 * At start, re-enqueues every import that is queued or running. A job whose process was killed
 * stays "active" in pg-boss until it expires (an hour, so that long imports are not taken for
 * dead); without this it would sit half-done for that hour. If the first run is in fact alive
 * in another process, the two runs meet at the job row's lock and one of them stops (see
 * `runImport`), so no row is written twice.
 */
export async function resumeImportJobs(queue: JobQueue, storage: Storage, tenants: TenantDirectory): Promise<number> {
  let resumed = 0;
  for (const tenant of await tenants.list()) {
    const jobs = await storage.inTenant(tenant.id, (tx) => sql<{ id: string }>`
      SELECT id FROM jobs WHERE tenant_id = ${tenantLiteral(tenant.id)} AND kind = 'import' AND state IN ('queued', 'running')`.execute(tx), { readOnly: true });
    for (const job of jobs.rows) {
      await queue.send(importQueue, { tenantId: tenant.id, jobId: job.id }, { singletonKey: `import:${job.id}` });
      resumed++;
    }
  }
  return resumed;
}
