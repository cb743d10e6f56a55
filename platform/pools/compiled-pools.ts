import type { FilterNode } from '../filter/filter-ast.ts';
import { userScope } from '../filter/filter-fields.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import { poolAdminRoles, type CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { PoolDefinition } from '../metadata/metadata-types.ts';

/** A pool with its filters parsed and its parameters defaulted, once per metadata version. */
export interface CompiledPool {
  key: string;
  object: string;
  definition: PoolDefinition;
  where?: FilterNode;
  exempt?: FilterNode;
  members?: FilterNode;
  adminRoles: string[];
  timeZone: string;
  maxPerOwner: number | undefined;
  maxClaimsPerDay: number | undefined;
  holdDays: number | undefined;
  releaseIfNoVisitDays: number | undefined;
  releaseIfNotWonDays: number | undefined;
  reclaimCooldownDays: number;
  warnDaysBefore: number;
  extension: { days: number; maxTimes: number; by: Array<'owner' | 'manager' | 'admin'> } | undefined;
  hiddenWhilePublic: string[];
  /** Stage keys of the object's pipeline that count as won (won leads do not count to limits). */
  wonStages: string[];
  lostStages: string[];
}

/**
 * The pools of a version that act, in document order (the first whose `where` matches holds a
 * record): none while the `pools` component is off (no membership, sweep, masks nor endpoints;
 * what records hold stays stored). Without the `visits` component no visit moves the no-visit
 * clock, so nothing is released for it (`releaseIfNoVisitDays` is left out).
 */
export function compiledPools(compiled: CompiledMetadata): CompiledPool[] {
  if (!compiled.has('pools')) return [];
  const visits = compiled.has('visits');
  return compiled.memo('pools', () => Object.entries(compiled.document.pools ?? {}).map(([key, definition]) => {
    const object = compiled.objects.get(definition.object)!;
    const pipeline = object.pipelineKey ? compiled.document.pipelines?.[object.pipelineKey] : undefined;
    return {
      key,
      object: definition.object,
      definition,
      ...(definition.where ? { where: parseFilterOrThrow(definition.where, object.scope, { allowVariables: false }) } : {}),
      ...(definition.exempt ? { exempt: parseFilterOrThrow(definition.exempt, object.scope, { allowVariables: false }) } : {}),
      ...(definition.members ? { members: parseFilterOrThrow(definition.members, userScope(), { allowVariables: false }) } : {}),
      adminRoles: poolAdminRoles(definition),
      timeZone: definition.timeZone ?? compiled.timeZone,
      maxPerOwner: definition.maxPerOwner,
      maxClaimsPerDay: definition.maxClaimsPerDay,
      holdDays: definition.holdDays,
      releaseIfNoVisitDays: visits ? definition.releaseIfNoVisitDays : undefined,
      releaseIfNotWonDays: definition.releaseIfNotWonDays,
      reclaimCooldownDays: definition.reclaimCooldownDays ?? 0,
      warnDaysBefore: definition.warnDaysBefore ?? 0,
      extension: definition.extension ? { days: definition.extension.days, maxTimes: definition.extension.maxTimes, by: definition.extension.by ?? ['owner', 'manager'] } : undefined,
      hiddenWhilePublic: definition.hiddenWhilePublic ?? [],
      wonStages: (pipeline?.stages ?? []).filter((s) => s.kind === 'won').map((s) => s.key),
      lostStages: (pipeline?.stages ?? []).filter((s) => s.kind === 'lost').map((s) => s.key),
    };
  }));
}

export function poolsOf(compiled: CompiledMetadata, object: string): CompiledPool[] {
  return compiledPools(compiled).filter((p) => p.object === object);
}

export function poolByKey(compiled: CompiledMetadata, key: string): CompiledPool | undefined {
  return compiledPools(compiled).find((p) => p.key === key);
}
