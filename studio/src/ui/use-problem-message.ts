import { useMemo } from 'react';
import { problemMessage, problemNames } from '../document/problem-words.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSnapshot } from '../state/studio-context.tsx';

/** A server problem's message in the UI language, naming objects and pools as the draft names them. */
export function useProblemMessage(): (message: string) => string {
  const { t, locale } = useI18n();
  const { draft, live } = useSnapshot();
  return useMemo(() => {
    const names = problemNames([draft.document, live?.document], t, locale);
    return (message: string) => problemMessage(message, t, names);
  }, [t, locale, draft.document, live?.document]);
}
