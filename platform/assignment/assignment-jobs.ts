import { sql } from 'kysely';
import { AccessPolicy } from '../access/access-policy.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import { tenantLiteral, type Storage } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { getUser } from '../users/users.ts';
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
      const tenant = (await tenants.list()).find((t) => t.id === tenantId);
      if (!tenant) return;
      const job = (await storage.inTenant(tenantId, (tx) => sql<{ state: string; options: AssignmentJobOptions; created_by: string }>`
        SELECT state, options, created_by FROM jobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid AND kind = 'assignment'`.execute(tx), { readOnly: true })).rows[0];
      if (!job || (job.state !== 'queued' && job.state !== 'running')) return;
      const compiled = await cache.live(tenant);
      const user = await storage.inTenant(tenantId, (tx) => getUser(tx, tenantId, job.created_by), { readOnly: true });
      if (!user?.active) throw new RunFailure('user_inactive', 'The person who started the run is no longer active; nothing was assigned');
      const now = clock();
      const roles = job.options.roles.filter((r) => user.roles.includes(r));
      const ctx = { tenantId, compiled, policy: new AccessPolicy(compiled, roles, user, now), actorId: user.id, now };
      await service.runJob(ctx, jobId, job.options, clock);
    } catch (error) {
      // A job that cannot start (its starter deactivated, the database gone for a moment) ends
      // failed rather than staying queued: unless even that cannot be written, then it is retried.
      await failAssignmentJob(storage, tenantId, jobId, error, clock);
    }
  }, { retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 60 * 60 });
}
