import { Alert, App, Card, Typography } from 'antd';
import { defaultTimeZone } from '../../../../../platform/metadata/metadata-types.ts';
import { useMemo, useRef, useState } from 'react';
import { ApiError, type ProblemItem } from '../../shared/api-client.ts';
import { errorText } from '../data/api-errors.ts';
import { buildFormModel, createValues, momentStartingValues } from '../forms/form-schema.ts';
import { RecordForm } from '../forms/record-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { backTo, cameFrom, navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { NotFoundPage } from '../shell/page-states.tsx';

/**
 * `/o/{object}/new[?lookup=id][&from=object/id]`: the create form; lookups named in the query are
 * filled in, and a record created from another record's page (`from`) goes back to that page.
 */
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
    const data: Record<string, unknown> = object && model ? momentStartingValues(object, model, new Date(), document.timeZone ?? defaultTimeZone) : {};
    for (const key of model?.fields ?? []) {
      const value = search.get(key);
      if (value && object?.fieldMap.get(key)?.type === 'lookup') data[key] = value;
    }
    return data;
  }, [model, search, object, document]);
  // Opened from a record (添加拜访 on a lead): the created record returns there, where the work goes on.
  const [fromObject, fromId] = (search.get('from') ?? '').split('/');
  const from = fromObject && fromId && objectMap.has(fromObject) ? paths.record(tenant, fromObject, fromId) : undefined;
  if (!object || !model || !object.actions.includes('create')) return <NotFoundPage tenant={tenant} />;

  const save = async (data: Record<string, unknown>) => {
    try {
      const values = createValues(data, model.fields);
      const created = await api.request<ApiRecord>('POST', `/records/${object.key}`, values, { 'idempotency-key': idempotencyKey.current });
      const createdPath = paths.record(tenant, object.key, created.id);
      // (Only while it still points there: a visit moved to another lead in the form opens itself.)
      const stillLinked = !!fromId && object.fields.some((f) => f.type === 'lookup' && f.target === fromObject && values[f.key] === fromId);
      if (from && stillLinked) {
        // Back to the record it was added to, saying so with a way to the new one.
        void message.success(<span>{t('createdRelated', { object: objectLabel(object, locale) })} <a href={createdPath} onClick={(e) => { e.preventDefault(); navigate(createdPath); }}>{t('openCreated')}</a></span>);
        // Opened from that page in this tab: back to it (no second copy of it in the history),
        // still saving meanwhile, so the form's guard against leaving unsaved work lets it go.
        if (cameFrom()?.split(/[?#]/, 1)[0] === from) await backTo(from);
        else navigate(from, { replace: true });
        return;
      }
      // A pooled record starts in the public pool: said, and its page (with 领取) opens.
      void message.success(created.poolState === 'public' ? t('createdPublic') : t('created'));
      navigate(createdPath, { replace: true });
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
        {/* Said where every new record lands in a pool: one with no condition (pools with conditions may take it or not). */}
        {Object.values(document.pools ?? {}).some((p) => p.object === object.key && !p.where) && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('createGoesPublic', { object: objectLabel(object, locale) })} />}
        <RecordForm object={object} mode="create" initial={initial} problems={problems} submitLabel={t('createSubmit')}
          onSubmit={save} onCancel={() => window.history.back()} />
      </Card>
    </section>
  );
}
