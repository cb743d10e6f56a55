import { useMemo } from 'react';
import type { DataMigration } from '../../../platform/metadata/data-migrations.ts';
import { problemMessage, problemNames } from '../document/problem-words.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSnapshot } from '../state/studio-context.tsx';

/**
 * A server problem's message in the UI language, naming objects, pools and fields as the draft
 * names them; `path` (the problem's pointer) says whose field it is. A problem at /migrations/…
 * is about `migrations` (the draft's pending data migrations unless given).
 */
export function useProblemMessage(migrations?: DataMigration[]): (message: string, path?: string) => string {
  const { t, locale } = useI18n();
  const { draft, live } = useSnapshot();
  const pending = migrations ?? draft.migrations;
  return useMemo(() => {
    const names = problemNames([draft.document, live?.document], t, locale, pending);
    return (message: string, path?: string) => problemMessage(message, t, names, path);
  }, [t, locale, draft.document, live?.document, pending]);
}
