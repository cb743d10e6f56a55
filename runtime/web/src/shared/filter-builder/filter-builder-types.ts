import type { Label } from '../labels.ts';

/**
 * The contract of the visual filter builder (one component, used by the app's list views and
 * every filter in the studio: pool members/exempt, role conditions, views, assignment rules).
 * It edits the filter language of shared/api.md and must round-trip it: any JSON it cannot
 * show as rows (deep nesting, unusual operators) stays editable as JSON, never lost.
 */
export type FilterJson = Record<string, unknown>;

/** Value kinds, as in platform/filter/filter-fields.ts. */
export type FieldKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'timestamp' | 'uuid' | 'reference' | 'multi' | 'textArray' | 'json';

export interface FilterFieldInfo {
  /** The path the filter uses: `score`, `hotel.city`, `owner`, `attributes.team`. */
  key: string;
  label: Label;
  kind: FieldKind;
  /** Allowed values (select options, stages, pool states) with labels. */
  options?: Array<{ value: string; label?: Label }>;
  /** For lookups (`reference`/`uuid` with a target): the object key or `user`, to offer a record picker. */
  target?: string;
}

export interface FilterBuilderProps {
  value: FilterJson | undefined;
  onChange: (value: FilterJson | undefined) => void;
  fields: FilterFieldInfo[];
  locale: 'zh' | 'en';
  /** Offer `$user.id`, `$user.attributes.<key>` … as values (role conditions, saved views). */
  allowVariables?: boolean;
  /** Offer relative dates (`now-15d`, `today`, `startOfMonth`) for date fields; default true. */
  allowRelativeDates?: boolean;
  /** Searches records of a lookup target for the value picker; without it, ids are typed. */
  searchRecords?: (target: string, text: string) => Promise<Array<{ id: string; title: string }>>;
  /** Titles of records already in the filter (so a picked id shows its name); optional. */
  resolveRecords?: (target: string, ids: string[]) => Promise<Array<{ id: string; title: string }>>;
  disabled?: boolean;
  /** What an empty filter means where this one is used ("no record is exempt"); default: every record matches. */
  emptyText?: string;
}
