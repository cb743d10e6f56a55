/**
 * The metadata document as written by business owners (see shared/metadata.md). These are
 * the raw, checked-but-not-compiled shapes; `compile-metadata.ts` turns them into what the
 * hot paths use.
 */

/** A label in one language for everyone, or per language. */
export type Label = string | { en?: string; zh?: string; [locale: string]: string | undefined };

export type FilterJson = Record<string, unknown>;

export const fieldTypes = [
  'text', 'textarea', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'datetime',
  'email', 'phone', 'url', 'select', 'multiselect', 'lookup', 'stage', 'autonumber',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface SelectOption {
  value: string;
  label?: Label;
  color?: string;
}

export interface FieldDefinition {
  type: FieldType;
  label?: Label;
  description?: Label;
  required?: boolean;
  default?: unknown;
  indexed?: boolean;
  readOnly?: boolean;
  unique?: boolean;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  scale?: number;
  currency?: string;
  options?: Array<string | SelectOption>;
  object?: string;
  onDelete?: 'restrict' | 'clear';
  pipeline?: string;
  format?: string;
  /**
   * A date or date-time field's value may not be earlier than this other field of the same type
   * on the same record (下次拜访 not before 拜访时间); checked when either changes.
   */
  notBefore?: string;
}

export interface ObjectDefinition {
  label: Label;
  pluralLabel?: Label;
  description?: Label;
  titleField?: string;
  icon?: string;
  fields: Record<string, FieldDefinition>;
}

export interface StageDefinition {
  key: string;
  label?: Label;
  kind: 'open' | 'won' | 'lost';
  probability?: number;
  requires?: string[];
  requiresNote?: boolean;
  color?: string;
  creates?: { object: string; map: Record<string, string> };
}

export interface TransitionRule {
  from: string[];
  to: string[];
  roles?: string[];
}

export interface PipelineDefinition {
  object: string;
  field: string;
  label?: Label;
  stages: StageDefinition[];
  transitions?: 'forward' | 'any' | TransitionRule[];
}

export interface PoolDefinition {
  object: string;
  label?: Label;
  where?: FilterJson;
  admins?: { roles: string | string[] };
  maxPerOwner?: number;
  maxClaimsPerDay?: number;
  holdDays?: number;
  releaseIfNoVisitDays?: number;
  releaseIfNotWonDays?: number;
  extension?: { days: number; maxTimes: number; by?: Array<'owner' | 'manager' | 'admin'> };
  reclaimCooldownDays?: number;
  warnDaysBefore?: number;
  visit?: { object: string; field: string; at: string };
  exempt?: FilterJson;
  members?: FilterJson;
  hiddenWhilePublic?: string[];
  timeZone?: string;
  sweepSchedule?: string;
  /**
   * The usual reasons a person releases a record of this pool for (商家已闭店, 配送范围外), in the
   * order the release dialog offers them; without it, the four built-in ones (客户暂无合作意向 …).
   */
  releaseReasons?: ReleaseReasonDefinition[];
  /**
   * Reasons this pool offered once and no longer does, with the words they had when last
   * published: records released for one (and their history) still read by them. Kept by the
   * publish that removes a reason, not written by hand (a draft's is ignored).
   */
  removedReleaseReasons?: ReleaseReasonDefinition[];
}

/** How many removed reasons a pool keeps the words of (the latest removed first). */
export const maxRemovedReleaseReasons = 100;

/** A reason a pool offers a person releasing a record: stored as its key, shown by its label. */
export interface ReleaseReasonDefinition {
  key: string;
  label: Label;
}

export interface FormSection {
  title?: Label;
  columns?: number;
  fields: string[];
}

export type DetailComponent =
  | string
  | { related: string; field?: string; label?: Label }
  | { chart: 'funnel' | 'history'; label?: Label };

export interface LayoutDefinition {
  list?: { columns: string[]; orderBy?: string };
  form?: { sections: FormSection[] };
  detail?: { components: DetailComponent[] };
}

export interface ViewDefinition {
  object: string;
  label?: Label;
  where?: FilterJson;
  orderBy?: string;
  columns?: string[];
  display?: 'table' | 'kanban';
  roles?: string[];
}

export interface RoleRule {
  object: string | string[];
  actions: string[];
  where?: FilterJson;
  fields?: string[];
}

/**
 * A role: full access, a list of rules, or the same list with a name (`{ label, rules }`, an
 * extension of metadata.md's two forms so that a role named 主管 is shown by its name, not by
 * its key). Read one with `role-definition.ts`, whichever form it has.
 */
export type RoleDefinition = { all: true; label?: Label } | RoleRule[] | { label?: Label; rules: RoleRule[] };

export interface AssignmentRuleDefinition {
  title?: Label;
  object: string;
  pool?: string;
  records: { include?: FilterJson; exclude?: FilterJson };
  users: { where?: FilterJson; maxPerDay?: number; maxTotal?: number };
  match: 'even' | 'minVariance' | 'roundRobin' | 'weighted';
  priority?: number;
  schedule?: string;
  activeFrom?: string;
  activeUntil?: string;
  workOrderPriority?: { field: string; order?: 'asc' | 'desc' };
  enabled?: boolean;
}

/** A tenant's time zone when its document names none. */
export const defaultTimeZone = 'Asia/Shanghai';

export interface MetadataDocument {
  name: string;
  locale?: string;
  timeZone?: string;
  objects: Record<string, ObjectDefinition>;
  pipelines?: Record<string, PipelineDefinition>;
  pools?: Record<string, PoolDefinition>;
  layouts?: Record<string, LayoutDefinition>;
  views?: Record<string, ViewDefinition>;
  roles?: Record<string, RoleDefinition>;
  assignmentRules?: Record<string, AssignmentRuleDefinition>;
  components?: { enabled: string[] };
}

/** Keys the engine owns on every record; custom fields may not use them. */
export const systemFieldKeys = [
  'id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'owner', 'poolState',
  'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason',
] as const;

/**
 * Extra read-only keys the pool adds to its records (not reserved in metadata.md, but shown):
 * `releaseAt` and `releaseDueTo` on the holder's list (`/mine`), `cooldownUntil` on the public
 * pool's; a custom field of that name would be overwritten there.
 */
export const poolOnlyKeys = ['releasedBy', 'pool', 'releaseAt', 'releaseDueTo', 'cooldownUntil'] as const;

/** The read-only key a pipeline adds to its object's records: when the record entered its current stage. */
export const pipelineOnlyKeys = ['stageEnteredAt'] as const;

/**
 * Keys no custom field may have: the system fields, what pools and pipelines add, and the
 * storage's own columns; `stage` only for a stage field (the one a pipeline runs on).
 */
export const reservedFieldKeys: readonly string[] = [...systemFieldKeys, ...poolOnlyKeys, ...pipelineOnlyKeys, 'stage', 'deletedAt', 'data'];

/** Whether a field of `type` may not be called `key`. */
export function isReservedFieldKey(key: string, type?: string): boolean {
  return reservedFieldKeys.includes(key) && !(key === 'stage' && type === 'stage');
}

export const objectKeyPattern = /^[a-z][a-zA-Z0-9]{1,39}$/;
export const fieldKeyPattern = /^[a-z][a-zA-Z0-9]{0,39}$/;
export const itemKeyPattern = /^[a-z][a-zA-Z0-9_-]{0,39}$/;

export function labelText(label: Label | undefined, locale = 'en', fallback = ''): string {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label;
  return label[locale] ?? label.en ?? label.zh ?? Object.values(label).find((v) => v) ?? fallback;
}
