import type { Header, JsonSchema, Parameter, Paths, Response } from './openapi-types.ts';

export interface ComponentCatalog {
  schemas: Record<string, JsonSchema>;
  responses: Record<string, Response>;
  parameters: Record<string, Parameter>;
  headers: Record<string, Header>;
}

type Kind = keyof ComponentCatalog;

/**
 * Keeps only the components the paths (and webhooks) reach, directly or through other
 * components, so a switched-off feature leaves no schemas behind. Throws on a reference to
 * nothing: that is a bug in the generator, not a tenant's problem.
 */
export function pruneComponents(roots: Paths[], catalog: ComponentCatalog): ComponentCatalog {
  const kept: ComponentCatalog = { schemas: {}, responses: {}, parameters: {}, headers: {} };
  const queue: unknown[] = [...roots];
  while (queue.length > 0) {
    for (const ref of references(queue.pop())) {
      const match = /^#\/components\/(schemas|responses|parameters|headers)\/(.+)$/.exec(ref);
      if (!match) throw new Error(`OpenAPI: unsupported reference ${ref}`);
      const kind = match[1] as Kind;
      const name = match[2]!;
      if (Object.hasOwn(kept[kind], name)) continue;
      const target = (catalog[kind] as Record<string, unknown>)[name];
      if (target === undefined) throw new Error(`OpenAPI: ${ref} is not defined`);
      (kept[kind] as Record<string, unknown>)[name] = target;
      queue.push(target);
    }
  }
  return {
    schemas: sortKeys(kept.schemas), responses: sortKeys(kept.responses),
    parameters: sortKeys(kept.parameters), headers: sortKeys(kept.headers),
  };
}

/** Every `$ref` string inside a JSON value. */
function references(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string') found.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return found;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
