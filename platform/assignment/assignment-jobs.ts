import type { JobQueue } from '../jobs/job-queue.ts';
import { openJob, starterContext } from '../jobs/open-job.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { Storage } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { failAssignmentJob, RunFailure, type AssignmentJobOptions, type AssignmentService } from './assignment-service.ts';

export const assignmentQueue = 'shoal-assignment';

/**
 * Declares the queue of assignment runs started in the background (`POST …/run` with
 * `background`). A job runs as the person who started it, with the roles of their request that
 * they still have, against the tenant's live metadata at the time it runs.
 */
export async function registerAssignmentJobs(queue: JobQueue, storage: Storage, tenants: TenantDirectory, cache: MetadataCache, service: AssignmentService, clock: () => Date): Promise<void> {
  await queue.handle<{ tenantId: string; jobId: string }>(assignmentQueue, async ({ tenantId, jobId }) => {
    try {
      const job = await openJob<AssignmentJobOptions>(storage, tenants, cache, tenantId, jobId, 'assignment');
      if (!job) return;
      if (!job.starter) throw new RunFailure('user_inactive', 'The person who started the run is no longer active; nothing was assigned');
      await service.runJob(starterContext(job.compiled, job.starter, clock()), jobId, job.options, clock);
    } catch (error) {
      // A job that cannot start (its starter deactivated, the database gone for a moment) ends
      // failed rather than staying queued: unless even that cannot be written, then it is retried.
      await failAssignmentJob(storage, tenantId, jobId, error, clock);
    }
  }, { retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 60 * 60 });
}
