/** JSON pointers (RFC 6901): the server points at problems with them, the studio maps them to forms. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `ptr('objects', 'shop', 'fields')` → `/objects/shop/fields`. */
export function ptr(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.replace(/^\//, '').split('/').map(unescapeToken);
}

/** The value at `pointer` in `value`, or undefined. */
export function valueAt(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const token of parsePointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** True when `pointer` is `base` or lies under it. */
export function isUnder(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

/** `base` and each of its ancestors, nearest first: `/a/b` → [`/a/b`, `/a`, ``]. */
export function ancestors(pointer: string): string[] {
  const tokens = pointer.split('/');
  const result: string[] = [];
  for (let n = tokens.length; n >= 1; n--) result.push(tokens.slice(0, n).join('/'));
  return result;
}
