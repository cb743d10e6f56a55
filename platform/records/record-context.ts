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
  /**
   * An action every write must also be allowed (its condition and field list) besides create or
   * update: `import` while an import writes its rows, so a role whose import rule names a
   * condition or fields imports only those, whatever it may create or update by hand.
   */
  writesAlso?: 'import';
}

/** The object `key` of the live metadata, or a 404 (unknown objects do not exist). */
export function objectOf(ctx: RecordContext, key: string): CompiledObject {
  const object = ctx.compiled.objects.get(key);
  if (!object) throw new ShoalError('not_found', `There is no object called ${key}`);
  return object;
}

/**
 * A run that writes (a sweep that releases, an assignment that assigns) is as of now or earlier:
 * what it chooses (what is due, who is in a cooldown) is reckoned as of `asOf`, and a later one
 * would act now on what is not due yet, so only a dry run may look ahead. (What it writes is
 * dated by the clock, whatever its `asOf`.) 400 at `/asOf` otherwise; `what` names the run in
 * the message.
 */
export function assertRunNotAhead(ctx: RecordContext, options: { asOf: Date; dryRun: boolean }, what: string): void {
  if (options.dryRun || options.asOf.getTime() <= ctx.now.getTime()) return;
  throw new ShoalError('bad_request', `${what} runs as of now or earlier; preview a later moment with dryRun`, {
    errors: [{ path: '/asOf', message: `is later than now (${ctx.now.toISOString()}); only a dry run may look ahead` }],
  });
}
