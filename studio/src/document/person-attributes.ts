/**
 * A person's attributes (`{ team: "north", makes: ["BMW", "Tesla"] }`, what `$user.attributes.*`
 * conditions read) as rows of a key and its values, and back. One value is stored as itself, several
 * as a list; a value that was a list stays one, and one that was a number or a yes/no keeps its type
 * while its text still reads as one, so editing a person never changes what a condition compares.
 */
export interface AttributeRow {
  key: string;
  values: string[];
}

/** `$user.attributes.<key>`: what the filter language accepts after `attributes.`. */
export const attributeKeyPattern = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function attributeRows(attributes: Record<string, unknown> | undefined): AttributeRow[] {
  return Object.entries(attributes ?? {}).map(([key, value]) => ({
    key,
    values: value === null || value === undefined ? [] : Array.isArray(value) ? value.map(text) : [text(value)],
  }));
}

function typedLike(was: unknown, value: string): unknown {
  if (typeof was === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (typeof was === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** The attributes to save from the rows; `previous` decides the shape of what was already there. */
export function attributesFromRows(rows: AttributeRow[], previous: Record<string, unknown> = {}): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.key.trim();
    const values = row.values.map((v) => v.trim()).filter(Boolean);
    if (!key || values.length === 0) continue;
    const was = previous[key];
    if (Array.isArray(was) || values.length > 1) {
      result[key] = values.map((v, i) => typedLike(Array.isArray(was) ? was[i] : undefined, v));
    } else {
      result[key] = typedLike(was, values[0]!);
    }
  }
  return result;
}
