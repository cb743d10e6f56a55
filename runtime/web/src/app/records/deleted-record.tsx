import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { dateTime } from '../metadata/format-value.ts';
import { objectLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { cameFrom, navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { LoadingState, NotFoundPage, Notice } from '../shell/page-states.tsx';
import { standingDelete, type HistoryEntry } from './record-history.ts';

/**
 * A record page whose record cannot be read. Deleted (`standingDelete` finds the delete in its history, which the
 * server keeps for whoever may read the record): said so, by whom and when, with 恢复 for someone
 * whose role may delete it (restoring takes the same right) and a way back to its list. Anything
 * else (no such record, or not theirs to see) is "nothing here".
 */
export function DeletedRecord({ object, id, back, onRestored }: { object: ObjectInfo; id: string; back: { path: string; label: string }; onRestored: () => void }) {
  const { api, tenant, format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { data: deletion, loading } = useAsync(
    () => api.get<{ data: HistoryEntry[] }>(`/records/${object.key}/${id}/history`, { limit: 50 }).then((page) => standingDelete(page.data), () => undefined),
    [api, object.key, id],
  );
  const [restoring, setRestoring] = useState(false);
  const [failure, setFailure] = useState<string>();
  if (loading) return <LoadingState />;
  if (!deletion) return <NotFoundPage tenant={tenant} />;

  const restore = async () => {
    setRestoring(true);
    setFailure(undefined);
    try {
      await api.post(`/records/${object.key}/${id}/restore`);
      void message.success(t('restored'));
      onRestored();
    } catch (error) {
      setFailure(errorText(error, locale));
      setRestoring(false);
    }
  };
  const when = dateTime(deletion.at, format);
  const detail = deletion.actorName ? t('recordDeletedBy', { name: deletion.actorName, time: when }) : t('recordDeletedAt', { time: when });
  return (
    <Notice title={t('recordDeleted', { object: objectLabel(object, locale) })} detail={failure ?? detail}
      action={(
        <Space wrap style={{ justifyContent: 'center' }}>
          {object.actions.includes('delete') && <Button type="primary" loading={restoring} onClick={() => void restore()}>{t('restore')}</Button>}
          <Button onClick={() => navigate(back.path, { returning: back.path === cameFrom() })}>{t('backTo', { page: back.label })}</Button>
        </Space>
      )} />
  );
}
