import { parsePointer, ptr } from './json-pointer.ts';

/** The screens of the studio, in the order of its menu (people and integrations are not part of the document). */
export type ScreenKey = 'overview' | 'settings' | 'objects' | 'pipelines' | 'pools' | 'layouts' | 'views' | 'roles' | 'people' | 'integrations' | 'rules' | 'code' | 'publish' | 'versions';

/**
 * Where in the forms a JSON pointer of the document lives: the screen, the item it edits (an
 * object, a pipeline …), the element inside it (a field, a stage, a rule) and the property.
 */
export interface FormTarget {
  screen: ScreenKey;
  /** The item key: object, pipeline, pool, layout (object), view, role or rule. */
  key?: string;
  /** A field key (objects) or a list part (`stages`, `transitions`, `list`, `form`, `detail`). */
  element?: string;
  /** The index of a stage, transition, role rule or form section. */
  index?: number;
  /** The property edited, as a pointer relative to the element (`maxLength`, `records/include`). */
  prop?: string;
  pointer: string;
}

const sections: Record<string, ScreenKey> = {
  objects: 'objects', pipelines: 'pipelines', pools: 'pools', layouts: 'layouts', views: 'views', roles: 'roles', assignmentRules: 'rules',
};

function rest(tokens: string[]): string | undefined {
  return tokens.length > 0 ? ptr(...tokens).slice(1) : undefined;
}

function withIndex(target: FormTarget, token: string | undefined): void {
  if (token !== undefined && /^\d+$/.test(token)) target.index = Number(token);
}

/**
 * Maps a pointer from the server (`/objects/shop/fields/name/maxLength`) to the form item that
 * edits it (`{ screen: 'objects', key: 'shop', element: 'name', prop: 'maxLength' }`).
 */
export function pointerTarget(pointer: string): FormTarget {
  const tokens = parsePointer(pointer);
  const [section, key, ...tail] = tokens;
  if (section === 'migrations') return { screen: 'publish', pointer, ...(key !== undefined ? { index: Number(key) } : {}) };
  const screen = section ? sections[section] : undefined;
  // name, locale, timeZone, components — and the document root itself.
  if (!screen) return { screen: 'settings', pointer, ...(section ? { prop: rest(tokens) } : {}) };
  const target: FormTarget = { screen, pointer };
  if (key === undefined) return target;
  target.key = key;
  const setProp = (parts: string[]) => {
    const p = rest(parts);
    if (p !== undefined) target.prop = p;
  };
  switch (screen) {
    case 'objects':
      if (tail[0] === 'fields' && tail[1] !== undefined) {
        target.element = tail[1];
        setProp(tail.slice(2));
      } else setProp(tail);
      break;
    case 'pipelines':
    case 'layouts':
      if (tail.length > 0 && ['stages', 'transitions', 'list', 'form', 'detail'].includes(tail[0]!)) {
        target.element = tail[0]!;
        const indexed = tail[0] === 'form' ? tail.slice(2) : tail.slice(1);
        withIndex(target, indexed[0]);
        setProp(target.index !== undefined ? indexed.slice(1) : indexed);
      } else setProp(tail);
      break;
    case 'roles': {
      // A named role's rules are under `rules` ({ label, rules }), a plain role's are the role itself.
      const rules = tail[0] === 'rules' && tail.length > 1 ? tail.slice(1) : tail;
      withIndex(target, rules[0]);
      setProp(target.index !== undefined ? rules.slice(1) : rules);
      break;
    }
    default:
      setProp(tail);
  }
  return target;
}

/** The studio route (below `/studio/{tenant}/`) that shows a target, with the pointer to focus. */
export function targetRoute(target: FormTarget): string {
  const focus = `focus=${encodeURIComponent(target.pointer)}`;
  if (target.screen === 'settings' || target.screen === 'publish') return `${target.screen}?${focus}`;
  return `${target.screen}${target.key !== undefined ? `/${encodeURIComponent(target.key)}` : ''}?${focus}`;
}
