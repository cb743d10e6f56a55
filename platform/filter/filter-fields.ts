/**
 * What a filter can name. A scope is the set of fields of one kind of row (records of an
 * object, or users); parsing checks every condition against it, and the SQL compiler and the
 * in-memory evaluator read values through the same field descriptions.
 */

/** How values of a field compare. The kind decides operators, value checks, SQL and sorting. */
export type ValueKind =
  | 'text' // strings, compared by code point
  | 'number' // integer, decimal, currency, percent
  | 'boolean'
  | 'date' // 'YYYY-MM-DD'
  | 'datetime' // ISO 8601 UTC with milliseconds, stored as text
  | 'timestamp' // a timestamptz column (system timestamps)
  | 'uuid' // a uuid column (id, owner, createdBy …)
  | 'reference' // a lookup stored in data as the target id
  | 'multi' // a multiselect: array of option values
  | 'textArray' // a text[] column (user roles)
  | 'json'; // untyped JSON (user attributes)

/** Where a field's value is stored: a real column, a key of `data`, or a key of a JSON column. */
export type FieldStorage =
  | { column: string }
  | { json: string }
  | { jsonColumn: string; key: string };

export interface FilterField {
  key: string;
  kind: ValueKind;
  storage: FieldStorage;
  /** Allowed values (select and multiselect options, pool states). */
  options?: readonly string[];
  /** For uuid/reference fields that point somewhere: an object key, or `user`. */
  target?: string;
  /** The column can never be null (sorting and paging skip the null phase). */
  notNull?: boolean;
  /**
   * A `data` field with a partial expression index: read through the LEAKPROOF accessors
   * (`shoal_text`, `shoal_float`) so the index also serves queries under row-level security.
   */
  indexed?: boolean;
}

export interface FilterScope {
  /** `user`, or the object key. */
  readonly name: string;
  readonly table: 'records' | 'users';
  field(key: string): FilterField | undefined;
  /** The scope a `target` points at (one hop), if it exists. */
  related(target: string): FilterScope | undefined;
  /** Every field (for error messages and documentation). */
  fieldKeys(): string[];
}

/** The users of a tenant, as filters over them see them (pool members, rule personnel, `owner.*`). */
export function userScope(): FilterScope {
  const fields = new Map<string, FilterField>([
    ['id', { key: 'id', kind: 'uuid', storage: { column: 'id' }, notNull: true }],
    ['email', { key: 'email', kind: 'text', storage: { column: 'email' }, notNull: true }],
    ['name', { key: 'name', kind: 'text', storage: { column: 'name' }, notNull: true }],
    ['roles', { key: 'roles', kind: 'textArray', storage: { column: 'roles' }, notNull: true }],
    ['managerId', { key: 'managerId', kind: 'uuid', storage: { column: 'manager_id' }, target: 'user' }],
    ['active', { key: 'active', kind: 'boolean', storage: { column: 'active' }, notNull: true }],
  ]);
  const scope: FilterScope = {
    name: 'user',
    table: 'users',
    field(key) {
      const known = fields.get(key);
      if (known) return known;
      const match = /^attributes\.([A-Za-z_][A-Za-z0-9_-]{0,63})$/.exec(key);
      if (!match) return undefined;
      return { key, kind: 'json', storage: { jsonColumn: 'attributes', key: match[1]! } };
    },
    related: (target) => (target === 'user' ? scope : undefined),
    fieldKeys: () => [...fields.keys(), 'attributes.<key>'],
  };
  return scope;
}
