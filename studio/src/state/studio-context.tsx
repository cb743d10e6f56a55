import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { ProblemItem, StudioApi } from '../api/studio-api.ts';
import type { Edit } from '../document/draft-state.ts';
import { isUnder } from '../document/json-pointer.ts';
import type { DraftStore, StudioSnapshot } from './draft-store.ts';
import { zonedText } from '../../../runtime/web/src/shared/zoned-time.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface Studio {
  tenant: string;
  api: StudioApi;
  store: DraftStore;
}

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio outside a tenant');
  return studio;
}

export function useSnapshot(): StudioSnapshot {
  const { store } = useStudio();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * A moment as the studio's reader writes it (`2026-11-22 09:27`, `Nov 22, 2026, 9:27 AM`) in the
 * tenant's time zone (the live document's, as the app uses it; not the draft's, which may be half
 * typed): so a publish or a run reads the same in the studio and the app.
 */
export function useTenantTime(): (iso: string) => string {
  const { live } = useSnapshot();
  const { locale } = useI18n();
  const zone = live?.document.timeZone;
  return useCallback((iso: string) => zonedText(iso, locale, zone, 'minute'), [locale, zone]);
}

/** The draft document being edited. */
export function useDocument(): MetadataDocument {
  return useSnapshot().draft.document;
}

/** Applies an edit to the draft. */
export function useApply(): (edit: Edit) => void {
  return useStudio().store.apply;
}

/** Problems exactly at `pointer`, or (with `under`) anywhere below it too. */
export function useProblems(pointer: string, under = false): ProblemItem[] {
  const { problems } = useSnapshot();
  return problems.filter((p) => (under ? isUnder(p.path, pointer) : p.path === pointer));
}
