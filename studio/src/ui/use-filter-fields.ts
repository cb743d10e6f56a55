import { useEffect, useMemo, useState } from 'react';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { objectFilterFields, userFilterFields } from '../document/filter-field-info.ts';
import { useDocument, useStudio } from '../state/studio-context.tsx';
import type { StudioApi } from '../api/studio-api.ts';

const attributeCache = new WeakMap<StudioApi, Promise<string[]>>();

/** Attribute keys the tenant's users carry (what `attributes.*` conditions can test). */
export function useAttributeKeys(): string[] {
  const { api } = useStudio();
  const [keys, setKeys] = useState<string[]>([]);
  useEffect(() => {
    let cached = attributeCache.get(api);
    if (!cached) {
      const loading = api.allUsers().then((users) => [...new Set(users.flatMap((u) => Object.keys(u.attributes ?? {})))].sort(), () => {
        // Not kept: the next filter shown tries again.
        if (attributeCache.get(api) === loading) attributeCache.delete(api);
        return [] as string[];
      });
      cached = loading;
      attributeCache.set(api, cached);
    }
    let live = true;
    void cached.then((k) => { if (live) setKeys(k); });
    return () => { live = false; };
  }, [api]);
  return keys;
}

/** Fields a filter over records of `object` may use, for the filter builder. */
export function useObjectFilterFields(object: string | undefined): FilterFieldInfo[] {
  const document = useDocument();
  const attributes = useAttributeKeys();
  return useMemo(() => (object ? objectFilterFields(document, object, attributes) : []), [document, object, attributes]);
}

/** Fields a filter over users may use. */
export function useUserFilterFields(): FilterFieldInfo[] {
  const attributes = useAttributeKeys();
  return useMemo(() => userFilterFields(attributes), [attributes]);
}
