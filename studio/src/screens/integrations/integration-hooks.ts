import { useMemo } from 'react';
import { IntegrationsApi } from '../../api/integrations-api.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useStudio, useTenantTime } from '../../state/studio-context.tsx';

/** The Integrations screen's API, on the studio's signed-in client. */
export function useIntegrationsApi(): IntegrationsApi {
  const { api } = useStudio();
  return useMemo(() => new IntegrationsApi(api.client), [api]);
}

/** A time as the app writes it, in the tenant's zone; `never` for none. */
export function useWhen(): (iso: string | null) => string {
  const { t } = useI18n();
  const zoned = useTenantTime();
  return (iso) => (iso ? zoned(iso) : t('integrations.never'));
}

/** An event as the UI names it, with its API name for whoever reads the payloads (`*`: every event). */
export function useEventLabel(): (event: string) => string {
  const { t } = useI18n();
  return (event) => (event === '*' ? t('webhooks.allEvents') : `${t(`webhooks.event.${event}` as MessageKey)} · ${event}`);
}
