import { App, Card, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ApiError, type ProblemItem } from '../../shared/api-client.ts';
import { errorText } from '../data/api-errors.ts';
import { buildFormModel, createValues } from '../forms/form-schema.ts';
import { RecordForm } from '../forms/record-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { NotFoundPage } from '../shell/page-states.tsx';

/** `/o/{object}/new[?lookup=id]`: the create form; lookups named in the query are filled in. */
export function CreatePage({ object: objectKey }: { object: string }) {
  const { api, objectMap, tenant, document } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { search } = useLocation();
  const [problems, setProblems] = useState<ProblemItem[]>([]);
  // One key per form: a retried submit after a network error cannot create the record twice.
  const idempotencyKey = useRef(`app-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
  const object = objectMap.get(objectKey);
  const model = useMemo(() => (object ? buildFormModel(object, document.layouts?.[object.key], 'create', locale) : undefined), [object, document, locale]);
  const initial = useMemo(() => {
    const data: Record<string, unknown> = {};
    for (const key of model?.fields ?? []) {
      const value = search.get(key);
      if (value && object?.fieldMap.get(key)?.type === 'lookup') data[key] = value;
    }
    return data;
  }, [model, search, object]);
  if (!object || !model || !object.actions.includes('create')) return <NotFoundPage tenant={tenant} />;

  const save = async (data: Record<string, unknown>) => {
    try {
      const created = await api.request<ApiRecord>('POST', `/records/${object.key}`, createValues(data, model.fields), { 'idempotency-key': idempotencyKey.current });
      void message.success(t('created'));
      navigate(paths.record(tenant, object.key, created.id), { replace: true });
    } catch (error) {
      // The server answered, so the next submit is a new attempt and needs a new key.
      if (error instanceof ApiError) idempotencyKey.current = `app-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      if (error instanceof ApiError && error.errors.length > 0) setProblems(error.errors);
      else void message.error(errorText(error, locale));
    }
  };
  return (
    <section aria-labelledby="create-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="create-title" style={{ fontSize: 20 }}>{t('createTitle', { object: objectLabel(object, locale) })}</Typography.Title>
      </div>
      <Card>
        <RecordForm object={object} mode="create" initial={initial} problems={problems} submitLabel={t('createSubmit')}
          onSubmit={save} onCancel={() => window.history.back()} />
      </Card>
    </section>
  );
}
