import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { buildNavigation, type NavSection } from './navigation-model.ts';

/** The app's navigation for the signed-in user, in their language (the side menu, and what pages name their way back by). */
export function useNavigation(): NavSection[] {
  const session = useSession();
  const { locale } = useI18n();
  return useMemo(() => buildNavigation({
    tenant: session.tenant, objects: session.objects, document: session.document, roles: session.me.roles, locale,
  }), [session, locale]);
}
