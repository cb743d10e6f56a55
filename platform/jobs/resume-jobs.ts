import { sql } from 'kysely';
import { tenantLiteral, type Storage } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * At start, re-enqueues every job a client watches (`jobs`: imports, assignment runs started in
 * the background) that is queued or running, each on its kind's queue. A job whose process was
 * killed stays "active" in pg-boss until it expires (an hour, so that long jobs are not taken for
 * dead); without this it would sit unfinished for that hour. If the first run is in fact alive in
 * another process, the two meet at the job row's lock and only one of them writes (see
 * `runImport` and `AssignmentService.runJob`).
 */
export async function resumeJobs(queue: JobQueue, storage: Storage, tenants: TenantDirectory, queues: Record<string, string>): Promise<number> {
  let resumed = 0;
  for (const tenant of await tenants.list()) {
    const jobs = await storage.inTenant(tenant.id, (tx) => sql<{ id: string; kind: string }>`
      SELECT id, kind FROM jobs WHERE tenant_id = ${tenantLiteral(tenant.id)} AND kind IN (${sql.join(Object.keys(queues))}) AND state IN ('queued', 'running')`.execute(tx), { readOnly: true });
    for (const job of jobs.rows) {
      await queue.send(queues[job.kind]!, { tenantId: tenant.id, jobId: job.id }, { singletonKey: `${job.kind}:${job.id}` });
      resumed++;
    }
  }
  return resumed;
}
