/**
 * Sample data of a tenant template: the declarative spec a template ships
 * (`tenants/<vertical>/sample-data.yaml`) and the plain-JSON data `generateSampleData` makes
 * from it. Neither side holds code; the spec names fields of the template's metadata document
 * and says how to fill them, the output holds values valid for those fields' types.
 */

import type { FilterJson } from '../metadata/metadata-types.ts';

// ---------------------------------------------------------------------------------------------
// The spec (input)
// ---------------------------------------------------------------------------------------------

/** An inclusive `[min, max]` range. */
export type Range = [number, number];

/**
 * The whole spec. `objects` are generated in the order they are listed: a record can only
 * refer to records of objects listed before it.
 */
export interface SampleDataSpec {
  /** Seed used when the caller gives none. */
  seed?: number;
  /** Password of every demo user that does not set its own. */
  password: string;
  /** Name pools for `{ person: … }` fills. */
  names?: {
    zh?: { surnames: string[]; given: string[] };
    en?: { first: string[]; last: string[] };
  };
  /**
   * Named word lists for templates (`{@brand}`) and `near`: an array, or a map from a select
   * value to an array / a single string / a number (`{@district[city]}`, `near: "@lat[city]"`).
   */
  lists?: Record<string, string[] | Record<string, string[] | string | number>>;
  users: UserSpec[];
  objects: Record<string, ObjectSpec>;
}

/** A demo user, written out in full. */
export interface UserSpec {
  /** Local key other parts of the spec and the output refer to (`bd1`). */
  key: string;
  email: string;
  name: string;
  password?: string;
  roles: string[];
  attributes?: Record<string, unknown>;
  /** Key of this user's manager (becomes `managerId` when loaded). */
  manager?: string;
}

/**
 * How the records of one object are made. Exactly one of `count`, `each`, `visitsOf`:
 * - `count`: that many independent records;
 * - `each`: records per record of an earlier object (its lookup `field` points at the parent);
 * - `visitsOf`: the visits the pool plan of that (pooled) object scheduled; this object must
 *   be the pool's `visit.object`, and its lookup and time fields are set by the plan.
 */
export interface ObjectSpec {
  count?: number;
  each?: EachSpec;
  visitsOf?: string;
  /** Age of the records in whole days; default [0, 90]. Children are never older than their parent. */
  createdDaysAgo?: Range;
  /** Owner of records of objects without a pool (pooled objects use `pool`). */
  owner?: OwnerSpec;
  /** Who holds the records of a pooled object, and how they were visited. */
  pool?: PoolPlanSpec;
  /**
   * How to fill each field, in order (a fill can read fields filled before it). Fields not
   * listed stay empty; required fields must be listed; autonumbers are never filled.
   */
  fields: Record<string, FillSpec>;
}

export interface EachSpec {
  /** The parent object. */
  object: string;
  /** This object's lookup to the parent. */
  field: string;
  /** Only parents matching this filter (filter language, over the parent object). */
  where?: FilterJson;
  /** Share of (matching) parents that get children; default 1. */
  fraction?: number;
  /** Children per parent that gets any; default [1, 1]. */
  count?: Range;
}

export type OwnerSpec =
  /** A random user matching a filter over users (`{ roles: operator }`). */
  | { users: FilterJson }
  /** The owner of the record a lookup of this record points at. */
  | { from: string };

export interface PoolPlanSpec {
  /** Who may hold records (filter over users); pool `members` must match too. */
  owners: FilterJson;
  /** Share of records claimed by an owner, per stage key (stages not listed: 0; no stage field: `default`). */
  claimed: Record<string, number>;
  /** Share of claimed records that were visited since the claim; default 0. */
  visited?: number;
  /** Visits per visited record; default [1, 3]. */
  visits?: Range;
  /** Share of public records with visits from an earlier hold (before it was released); default 0. */
  publicVisited?: number;
  /** Claim age (days) of records the pool never releases (matching `exempt`); default [5, 120]. */
  exemptClaimedDaysAgo?: Range;
}

/** Options every fill takes. */
export interface FillCommon {
  /** Chance the field gets a value at all; default 1. Ignored where a value is required. */
  presence?: number;
}

/**
 * How one field is filled. Paths (`from`, `copy`, `times`, template tokens) name a field of
 * this record (`city`), or a field of the record one of its lookups points at (`hotel.city`);
 * a referenced record also exposes `createdAt`, `claimedAt`, `lastVisitAt` and `stage`.
 */
export type FillSpec = FillCommon & (
  /** A constant. */
  | { value: unknown }
  /** One of a list, or of a map of value → weight; `"options"` picks among the field's options. `count` picks several (multiselect; `join` for text). */
  | { pick: unknown[] | Record<string, number> | 'options'; count?: Range; join?: string }
  /** A number in `[min, max]`; `skew` > 1 favours small values; times the values at `times`; rounded to `step`, then to the field's scale. */
  | { range: Range; skew?: number; step?: number; scale?: number; times?: string | string[] }
  /** A number within `spread` of a base: a number or `"@list[field]"`. */
  | { near: number | string; spread: number; scale?: number }
  /** A date / date-time `days` days after now (or after the date at `from`); date-times get a local time within `hours` (default [8, 20]); `past` keeps it not after now. */
  | { days: Range; from?: string; hours?: Range; past?: boolean }
  /** A string from a template (or one of several, by `weights`); see `renderTemplate`. */
  | { template: string | string[]; weights?: number[] }
  /** A person's name from `names`: Chinese with probability `zhShare`, else English. */
  | { person: { zhShare: number } }
  /** `true` with probability `chance`. */
  | { chance: number }
  /** A lookup: a random earlier record of the target object (optionally matching `where`; `distinct`: each at most once). */
  | { ref: { where?: FilterJson; distinct?: boolean } | 'any' }
  /** The value at a path (usually through a lookup: `lead.expectedRevenue`). */
  | { copy: string }
);

// ---------------------------------------------------------------------------------------------
// The generated data (output) — plain JSON
// ---------------------------------------------------------------------------------------------

/** A reference to another generated record, by its `key`; replaced by that record's id when loaded. */
export interface RecordRef {
  ref: string;
}

/** A reference to a generated user (lookups with `object: user`), by the user's `key`. */
export interface UserRef {
  userRef: string;
}

/**
 * A field value, valid for the field's type as in shared/metadata.md: text types are strings,
 * numbers are numbers (currency ≤ 2 decimals), `date` is `YYYY-MM-DD`, `datetime` is ISO 8601
 * UTC with milliseconds, a multiselect is an array of option values, a lookup is a reference.
 */
export type SampleValue = string | number | boolean | string[] | RecordRef | UserRef;

export interface SampleUser {
  key: string;
  email: string;
  name: string;
  password: string;
  roles: string[];
  attributes: Record<string, unknown>;
  /** Key of the user's manager. */
  managerKey?: string;
}

/** One generated record. Visits are records too (of the pool's visit object). */
export interface SampleRecord {
  object: string;
  /** `<object>-<n>`, n counting from 1 per object; unique in the output. */
  key: string;
  /** Custom field values (only fields that have a value; never autonumbers). */
  values: Record<string, SampleValue>;
  /** The stage (same as the value of the object's stage field), when the object has one. */
  stage?: string;
  /** When the record was created: ISO 8601 UTC, not after `now`. */
  createdAt: string;
  /** Owner: for pooled records, the user holding the record privately (absent = public). */
  ownerKey?: string;
  /** Pooled records only: the pool that holds the record. */
  pool?: string;
  /** Pooled records only. */
  poolState?: 'public' | 'private';
  /** Private records: when the owner claimed it (ISO 8601 UTC) and how many whole days ago. */
  claimedAt?: string;
  claimedDaysAgo?: number;
  /** Pooled records with visits: the latest visit time (ISO 8601 UTC). */
  lastVisitAt?: string;
  /** Pooled records with visits: keys of the visit records, oldest first. */
  visitKeys?: string[];
}

export interface SampleData {
  seed: number;
  /** The instant everything is relative to (ISO 8601 UTC). */
  now: string;
  users: SampleUser[];
  /** Records in generation order: a record only refers to records listed before it. */
  records: SampleRecord[];
}

export interface GenerateOptions {
  /** PRNG seed; default the spec's `seed`, else 1. */
  seed?: number;
  /** Clock everything is relative to; default the current time (pass one for reproducible output). */
  now?: Date | string;
}
