import { useEffect, useState } from 'react';
import { acceptsLink } from '../data/record-search.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { objectLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import type { FormMode } from './form-schema.ts';

/**
 * In a create form, the lookups whose picked record would not take the new record, field →
 * message: a BD who picks a public lead for a visit reads at once that their roles do not let
 * them add a visit to it (the server's `Shoal-Creatable` on that lead, asked with
 * `include=creatable`), not after filling in the rest. People (`user` lookups) take anything.
 */
export function useLinkChecks(object: ObjectInfo, mode: FormMode, data: Record<string, unknown>): Record<string, string> {
  const { api, objectMap } = useSession();
  const { t, locale } = useI18n();
  const links = mode === 'create'
    ? object.fields.filter((f) => f.target && f.target !== 'user' && typeof data[f.key] === 'string' && data[f.key] !== '')
    : [];
  const picked = links.map((f) => `${f.key}=${String(data[f.key])}`).join('&');
  const [refused, setRefused] = useState<{ picked: string; fields: string[] }>({ picked: '', fields: [] });

  useEffect(() => {
    if (!picked) return;
    let live = true;
    const checks = links.map(async (f) => ((await acceptsLink(api, f.target!, String(data[f.key]), `${object.key}.${f.key}`)) ? undefined : f.key));
    // A check that fails (gone, no right to read it) says nothing: the server decides on save.
    void Promise.all(checks.map((c) => c.catch(() => undefined))).then((keys) => {
      if (live) setRefused({ picked, fields: keys.filter((k): k is string => k !== undefined) });
    });
    return () => { live = false; };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, object.key, picked]);

  if (refused.picked !== picked) return {};
  return Object.fromEntries(refused.fields.map((key) => [key, t('mayNotAddTo', {
    object: objectLabel(object, locale), target: objectLabel(objectMap.get(object.fieldMap.get(key)?.target ?? ''), locale),
  })]));
}
