import type { CompiledObject } from '../metadata/compile-metadata.ts';
import type { Row } from '../filter/evaluate-filter.ts';

/** The columns every record query reads. */
export const recordColumns = [
  'r.id', 'r.version', 'r.owner', 'r.stage', 'r.pool', 'r.pool_state', 'r.claimed_at', 'r.hold_expires_at',
  'r.last_visit_at', 'r.released_at', 'r.release_reason', 'r.released_by', 'r.extended_times', 'r.extended_days',
  'r.stage_entered_at', 'r.created_at', 'r.updated_at', 'r.created_by', 'r.updated_by', 'r.deleted_at', 'r.data',
] as const;

export interface RecordRow {
  id: string;
  version: number;
  owner: string | null;
  stage: string | null;
  pool: string | null;
  pool_state: string | null;
  claimed_at: Date | null;
  hold_expires_at: Date | null;
  last_visit_at: Date | null;
  released_at: Date | null;
  release_reason: string | null;
  released_by: string | null;
  extended_times: number;
  extended_days: number;
  stage_entered_at: Date | null;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: Date | null;
  data: Record<string, unknown>;
}

/** System fields as the API names them, and the column each comes from. */
const systemColumns: Array<[string, keyof RecordRow]> = [
  ['id', 'id'], ['version', 'version'], ['createdAt', 'created_at'], ['updatedAt', 'updated_at'],
  ['createdBy', 'created_by'], ['updatedBy', 'updated_by'], ['owner', 'owner'],
];
const stageColumns: Array<[string, keyof RecordRow]> = [['stageEnteredAt', 'stage_entered_at']];
const poolColumns: Array<[string, keyof RecordRow]> = [
  ['pool', 'pool'], ['poolState', 'pool_state'], ['claimedAt', 'claimed_at'], ['holdExpiresAt', 'hold_expires_at'], ['lastVisitAt', 'last_visit_at'],
  ['releasedAt', 'released_at'], ['releaseReason', 'release_reason'], ['releasedBy', 'released_by'],
];

function iso(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * The flat record of the API: system fields, then the object's fields. Only fields of the
 * current metadata appear (a removed field's stored value is not shown); unreadable fields
 * (and a system field that tells their values, `readsAs`) and fields not asked for are absent;
 * readable empty fields are null.
 */
export function toApiRecord(row: RecordRow, object: CompiledObject, readable: 'all' | ReadonlySet<string>, requested?: ReadonlySet<string>): Row {
  const out: Row = {};
  for (const [key, column] of systemColumns) out[key] = iso(row[column]);
  if (object.stageField) for (const [key, column] of stageColumns) out[key] = iso(row[column]);
  if (object.poolKeys.length > 0) {
    // `pool` tells what its pools' filters test (`readsAs`): absent where the caller may not read those fields.
    const poolHidden = readable !== 'all' && object.fields.get('pool')?.readsAs?.some((k) => !readable.has(k));
    for (const [key, column] of poolColumns) if (!(poolHidden && key === 'pool')) out[key] = iso(row[column]);
    out.releasedBy = releasedBy(row);
  }
  for (const field of object.customFields) {
    const key = field.key;
    if (readable !== 'all' && !readable.has(key)) continue;
    if (requested && !requested.has(key)) continue;
    out[key] = field.type === 'stage' ? row.stage : (row.data?.[key] ?? null);
  }
  return out;
}

/**
 * Who released a record last: the user, or `system` for the sweep (which stores no user);
 * null while the record was never released (or since claimed again).
 */
function releasedBy(row: RecordRow): string | null {
  return row.released_by ?? (row.released_at ? systemReleaser : null);
}

/** What `releasedBy` says for the sweep's releases (api.md: "who (or `system`)"). */
export const systemReleaser = 'system';

/** The whole record, every field, for rule evaluation and history (never sent as is). */
export function toFullRecord(row: RecordRow, object: CompiledObject): Row {
  return toApiRecord(row, object, 'all');
}

/** Which custom fields a record-level field list allows, by key. */
export function systemKeysOf(object: CompiledObject): Set<string> {
  const keys = systemColumns.map(([k]) => k);
  if (object.stageField) keys.push(...stageColumns.map(([k]) => k));
  if (object.poolKeys.length > 0) keys.push(...poolColumns.map(([k]) => k));
  return new Set(keys);
}
