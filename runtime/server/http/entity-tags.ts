/** One entity tag of an `If-Match` or `If-None-Match` list (RFC 9110 §8.8.3). */
export interface EntityTag {
  weak: boolean;
  /** Between the quotes: `3` of `"3"` and of `W/"3"`. */
  opaque: string;
}

// A quoted tag, optionally weak, or a bare version (`If-Match: 3`, accepted since the first
// release), then a comma or the end.
const listElement = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"|(\d{1,9}))[ \t]*(,|$)/y;

/**
 * The entity tags a precondition header lists, `'*'` (any current representation), or
 * undefined when it is no such list.
 *
 * @example
 * parseEntityTags('"3", W/"4"'); // [{ weak: false, opaque: '3' }, { weak: true, opaque: '4' }]
 * parseEntityTags('*');          // '*'
 * parseEntityTags('three');      // undefined
 */
export function parseEntityTags(header: string): EntityTag[] | '*' | undefined {
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  let at = 0;
  do {
    listElement.lastIndex = at;
    const match = listElement.exec(header);
    if (!match) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] ?? match[3]! });
    at = listElement.lastIndex;
    if (match[4] === '') break;
  } while (at < header.length);
  return tags;
}

/**
 * Whether an `If-None-Match` header names the entity tag `etag` (written with its quotes),
 * compared weakly as RFC 9110 §13.1.2 says (`W/"3"` names `"3"`), or is `*`: then a GET answers
 * 304 Not Modified.
 *
 * @example
 * namesTag('W/"3", "4"', '"3"'); // true
 */
export function namesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  const tags = ifNoneMatch === undefined ? undefined : parseEntityTags(ifNoneMatch);
  return tags === '*' || (tags ?? []).some((tag) => `"${tag.opaque}"` === etag);
}
