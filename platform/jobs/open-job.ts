import { sql } from 'kysely';
import { AccessPolicy } from '../access/access-policy.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import type { UserInfo } from '../principal.ts';
import type { RecordContext } from '../records/record-context.ts';
import { tenantLiteral, type Storage } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { getUser } from '../users/users.ts';

/** A job a client watches (`jobs`), as a worker picks it up: its row, the tenant's live metadata and its starter. */
export interface OpenedJob<O> {
  compiled: CompiledMetadata;
  object: string | null;
  processed: number;
  options: O;
  /** The person who started it, if still active, with the roles of their request they still have. */
  starter: { user: UserInfo; roles: string[] } | undefined;
}

/**
 * What a worker needs to run a job of `kind` (an import, a background assignment run): undefined
 * when there is nothing to run (the tenant or the job is gone, or it already ended).
 */
export async function openJob<O extends { roles: string[] }>(storage: Storage, tenants: TenantDirectory, cache: MetadataCache, tenantId: string, jobId: string, kind: string): Promise<OpenedJob<O> | undefined> {
  const tenant = (await tenants.list()).find((t) => t.id === tenantId);
  if (!tenant) return undefined;
  const row = (await storage.inTenant(tenantId, (tx) => sql<{ state: string; object: string | null; processed: number; options: O; created_by: string }>`
    SELECT state, object, processed, options, created_by FROM jobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid AND kind = ${kind}`.execute(tx), { readOnly: true })).rows[0];
  if (!row || row.state === 'done' || row.state === 'failed') return undefined;
  const compiled = await cache.live(tenant);
  const user = await storage.inTenant(tenantId, (tx) => getUser(tx, tenantId, row.created_by), { readOnly: true });
  return {
    compiled, object: row.object, processed: row.processed, options: row.options,
    starter: user?.active ? { user, roles: row.options.roles.filter((r) => user.roles.includes(r)) } : undefined,
  };
}

/** The record context of a job's starter at `now`. */
export function starterContext(compiled: CompiledMetadata, starter: { user: UserInfo; roles: string[] }, now: Date): RecordContext {
  return { tenantId: compiled.tenantId, compiled, policy: new AccessPolicy(compiled, starter.roles, starter.user, now), actorId: starter.user.id, now };
}
