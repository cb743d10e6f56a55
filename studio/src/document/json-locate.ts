import { ancestors, escapeToken } from './json-pointer.ts';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * Where each JSON pointer of a JSON text lives: for a property, its key (what an error marker
 * should underline); for an array item or the root, the value. Returns undefined when the text
 * is not JSON. A small scanner rather than a dependency: it only tracks positions.
 */
export function pointerRanges(text: string): Map<string, TextRange> | undefined {
  const ranges = new Map<string, TextRange>();
  let i = 0;
  const ws = () => { while (i < text.length && /\s/.test(text[i]!)) i++; };
  const fail = (): never => { throw new SyntaxError(`Unexpected input at ${i}`); };
  const string = (): string => {
    const start = i;
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string, keyRange?: TextRange): void => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          const keyStart = i;
          const key = string();
          const range = { start: keyStart, end: i };
          ws();
          if (text[i] !== ':') fail();
          i++;
          value(`${pointer}/${escapeToken(key)}`, range);
          ws();
          if (text[i] === ',') { i++; continue; }
          if (text[i] === '}') { i++; break; }
          fail();
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value(`${pointer}/${n}`);
          ws();
          if (text[i] === ',') { i++; continue; }
          if (text[i] === ']') { i++; break; }
          fail();
        }
      }
    } else if (c === '"') string();
    else {
      const match = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!match) fail();
      i += match![0].length;
    }
    ranges.set(pointer, keyRange ?? { start, end: i });
  };
  try {
    value('');
    ws();
    if (i !== text.length) return undefined;
    return ranges;
  } catch {
    return undefined;
  }
}

/** The range of `pointer`, or of its nearest ancestor present in the text. */
export function locatePointer(ranges: Map<string, TextRange>, pointer: string): TextRange | undefined {
  for (const candidate of ancestors(pointer)) {
    const range = ranges.get(candidate);
    if (range) return range;
  }
  return undefined;
}
