import type { AccessPolicy } from '../access/access-policy.ts';
import type { CompiledMetadata, CompiledObject } from '../metadata/compile-metadata.ts';
import { ShoalError } from '../errors.ts';

/** Everything a records operation needs to know about who, where and when. */
export interface RecordContext {
  tenantId: string;
  compiled: CompiledMetadata;
  policy: AccessPolicy;
  /** The acting user; null for the system. */
  actorId: string | null;
  now: Date;
}

/** The object `key` of the live metadata, or a 404 (unknown objects do not exist). */
export function objectOf(ctx: RecordContext, key: string): CompiledObject {
  const object = ctx.compiled.objects.get(key);
  if (!object) throw new ShoalError('not_found', `There is no object called ${key}`);
  return object;
}
