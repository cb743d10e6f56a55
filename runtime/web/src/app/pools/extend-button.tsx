import { Button, Popconfirm } from 'antd';
import { dateTime } from '../metadata/format-value.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/tenant-session.tsx';

/**
 * 延期. Where the no-visit rule releases the lead first, an extension does not keep it (a visit
 * does): that is said before an extension is spent, not only in the toast after.
 */
export function ExtendButton({ releaseAt, releaseDueTo, loading, small, onExtend, recordName }: {
  releaseAt: unknown; releaseDueTo: unknown; loading: boolean; small?: boolean; onExtend: () => void;
  /** The record's title, for a row of a list: the accessible name says which record (延期「…」). */
  recordName?: string;
}) {
  const { t } = useI18n();
  const { format } = useSession();
  const asks = releaseDueTo === 'no_visit' && typeof releaseAt === 'string';
  const button = <Button size={small ? 'small' : undefined} loading={loading} aria-label={recordName === undefined ? undefined : t('actionOn', { action: t('extend'), name: recordName })} onClick={asks ? undefined : onExtend}>{t('extend')}</Button>;
  if (!asks) return button;
  return (
    <Popconfirm title={t('extendNoVisitFirst', { release: dateTime(releaseAt as string, format) })} okText={t('extendAnyway')} cancelText={t('cancel')}
      cancelButtonProps={{ autoFocus: true }} onConfirm={onExtend}>
      {button}
    </Popconfirm>
  );
}
