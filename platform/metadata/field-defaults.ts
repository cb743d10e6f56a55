import { localDate } from '../time/zoned-time.ts';
import type { FieldDefinition } from './metadata-types.ts';

/**
 * Defaults that name a moment rather than a value: a date field's `today` starts a new record
 * with the tenant's date when it is created (a contract's 签约日期), a date-time field's `now` with
 * the moment it is created (a visit's 拜访时间). metadata.md's `default` is a fixed value; these
 * two words are the optional addition, and no date is ever spelt that way.
 */
export const momentDefaults = { date: 'today', datetime: 'now' } as const;

type Defaulted = Pick<FieldDefinition, 'type' | 'default'>;

/** Whether the field's default is `today` (date) or `now` (date-time). */
export function isMomentDefault(field: Defaulted): boolean {
  return (field.type === 'date' && field.default === momentDefaults.date) || (field.type === 'datetime' && field.default === momentDefaults.datetime);
}

/** The value a new record's field starts with when created at `now` in a tenant whose time zone is `zone`. */
export function startingValue(field: Defaulted, now: Date, zone: string): unknown {
  if (field.type === 'date' && field.default === momentDefaults.date) return localDate(now, zone);
  if (field.type === 'datetime' && field.default === momentDefaults.datetime) return now.toISOString();
  return field.default;
}
