import { useEffect, useMemo, useState } from 'react';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { objectFilterFields, roleOptions, userFilterFields, type RoleOption } from '../document/filter-field-info.ts';
import { useDocument, useStudio } from '../state/studio-context.tsx';
import type { UserSummary } from '../api/studio-api.ts';

// Keyed by the list of users it was read from: once people change (the People screen), the keys are read again.
const attributeCache = new WeakMap<Promise<UserSummary[]>, Promise<string[]>>();

/** Attribute keys the tenant's users carry (what `attributes.*` conditions can test). */
export function useAttributeKeys(): string[] {
  const { api } = useStudio();
  const [keys, setKeys] = useState<string[]>([]);
  useEffect(() => {
    // A failed read is not kept (allUsers forgets it): the next filter shown tries again.
    const users = api.allUsers();
    let cached = attributeCache.get(users);
    if (!cached) {
      cached = users.then((all) => [...new Set(all.flatMap((u) => Object.keys(u.attributes ?? {})))].sort(), () => [] as string[]);
      attributeCache.set(users, cached);
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

/** Fields a filter over users may use: the roles to pick are the document's (a typed one could name no role). */
export function useUserFilterFields(): FilterFieldInfo[] {
  const attributes = useAttributeKeys();
  // Compared as text: every edit makes a new document, and the fields should change only with the roles' keys or names.
  const roles = JSON.stringify(roleOptions(useDocument().roles));
  return useMemo(() => userFilterFields(attributes, JSON.parse(roles) as RoleOption[]), [attributes, roles]);
}
