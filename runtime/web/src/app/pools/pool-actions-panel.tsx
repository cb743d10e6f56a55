import { LoadingOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ExtendButton } from './extend-button.tsx';
import { dateTime, formatValue } from '../metadata/format-value.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { isPoolAdmin, mayExtendHold } from '../shell/navigation-model.ts';
import { Countdown } from './countdown.tsx';
import { ClaimButton } from './claim-button.tsx';
import { claimCooldown, ownerIdOf, poolOfRecord, releaseInfo } from './pool-api.ts';
import { usePoolActions } from './use-pool-actions.tsx';

interface Props {
  object: ObjectInfo;
  record: ApiRecord;
  onChanged: () => void;
}

/** The record page's pool box: who holds it, until when, what releases it first, and the actions. */
export function PoolActionsPanel({ object, record, onChanged }: Props) {
  const { api, me, document, format } = useSession();
  const { t, locale } = useI18n();
  const poolKey = poolOfRecord(record, object.pools);
  const pool = poolKey ? document.pools?.[poolKey] : undefined;
  // Found claimed by someone else first: the record as it is now (no 领取 that can only fail again).
  const actions = usePoolActions(poolKey ?? '', object.key, () => onChanged(), () => onChanged());
  const ownerId = ownerIdOf(record);
  const mine = ownerId === me.id;
  const admin = pool ? isPoolAdmin(pool, me.roles) : false;
  const isPrivate = record.poolState === 'private';
  const asks = !!poolKey && isPrivate && !!ownerId && (mine || admin);
  // Until /mine answers for this record and version, no countdown (the hold expiry is often not
  // what releases the record first). Without /mine (older server, or no right to see that pool)
  // the hold expiry is shown instead.
  const { known, value: release } = useAnswer(asks ? `${poolKey}:${record.id}:${String(record.version)}:${mine ? '' : ownerId}` : '',
    () => releaseInfo(api, poolKey!, record.id, mine ? undefined : ownerId!));
  // A public record the user let go lately: from when they may claim it again (no 领取 until known).
  const claimable = !!poolKey && !isPrivate && object.actions.includes('claim');
  const cooldown = useAnswer(claimable ? `${poolKey}:${record.id}:${String(record.version)}:cooldown` : '', () => claimCooldown(api, poolKey!, record.id));

  if (!poolKey || !pool) return null;
  const poolName = keyLabel(pool.label, locale, poolKey);
  // Offered once /mine has said how many extensions the hold has left (not while it is asked).
  const wonStage = document.pipelines?.[object.pipeline ?? '']?.stages.find((s) => s.key === record[object.stageField ?? 'stage'])?.kind === 'won';
  // A won lead /mine gives no release (the pool exempts it) has none to put off.
  const canExtend = isPrivate && known && !(wonStage && release && !release.releaseAt) && release?.extensionsLeft !== 0 && mayExtendHold(pool, me.roles, mine);
  const busy = actions.busyId === record.id;
  // The hold's end, said as the latest it may be kept where the lead goes back sooner (not visited, not won in time).
  const holdIsLatest = typeof record.holdExpiresAt === 'string' && !!release?.releaseAt && Date.parse(release.releaseAt) < Date.parse(record.holdExpiresAt);

  return (
    <Card size="small" title={`${t(isPrivate ? 'private' : 'public')} · ${poolName}`} style={{ marginBottom: 12 }}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        {isPrivate && <Descriptions.Item label={formatLabel(object, 'owner', locale)}>{formatValue(object.fieldMap.get('owner'), record.owner, format)}</Descriptions.Item>}
        {/* A won lead the pool exempts is never released: no hold date beside "never released automatically". */}
        {isPrivate && typeof record.holdExpiresAt === 'string' && !(wonStage && known && !release?.releaseAt) && <Descriptions.Item label={t(holdIsLatest ? 'holdExpiresLatest' : 'holdExpires')}>{dateTime(record.holdExpiresAt, format)}</Descriptions.Item>}
        {typeof record.lastVisitAt === 'string' && <Descriptions.Item label={formatLabel(object, 'lastVisitAt', locale)}>{dateTime(record.lastVisitAt, format)}</Descriptions.Item>}
        {!isPrivate && typeof record.releasedAt === 'string' && (
          <Descriptions.Item label={formatLabel(object, 'releasedAt', locale)}>
            {dateTime(record.releasedAt, format)} · {formatValue(object.fieldMap.get('releaseReason'), record.releaseReason, format, record)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {isPrivate && wonStage && <Typography.Text type="secondary">{t('exemptFromRelease')}</Typography.Text>}
        {isPrivate && !wonStage && !known && <Tag icon={<LoadingOutlined />} aria-busy="true">{t('releaseCountdown')}</Tag>}
        {isPrivate && !wonStage && release?.releaseAt && <Countdown to={release.releaseAt} reason={release.releaseDueTo} />}
        {isPrivate && !wonStage && known && !release?.releaseAt && typeof record.holdExpiresAt === 'string' && <Countdown to={record.holdExpiresAt} reason="hold_expired" />}
        {claimable && <ClaimButton cooldownUntil={cooldown.value} busy={busy} waiting={!cooldown.known} onClaim={() => void actions.claim(record)} />}
        {isPrivate && (mine || admin) && <Button danger disabled={busy} onClick={() => actions.release(record)}>{t('release')}</Button>}
        {canExtend && <ExtendButton releaseAt={release?.releaseAt} releaseDueTo={release?.releaseDueTo} loading={busy} onExtend={() => void actions.extend(record)} />}
        {admin && <Button disabled={busy} onClick={() => actions.assign(record)}>{t('assign')}</Button>}
      </Space>
      {actions.element}
    </Card>
  );
}

function formatLabel(object: ObjectInfo, key: string, locale: 'zh' | 'en'): string {
  return keyLabel(object.fieldMap.get(key)?.label, locale, key);
}

/**
 * The answer to `question` (asked by `ask`; '' asks nothing), kept with the question it answers:
 * `known` once that question is answered (a failed ask answers undefined).
 */
function useAnswer<T>(question: string, ask: () => Promise<T>): { known: boolean; value: T | undefined } {
  const [answer, setAnswer] = useState<{ question: string; value: T | undefined } | undefined>(undefined);
  useEffect(() => {
    if (!question) return;
    let live = true;
    const settle = (value: T | undefined) => { if (live) setAnswer({ question, value }); };
    ask().then(settle, () => settle(undefined));
    return () => { live = false; };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [question]);
  const known = !question || answer?.question === question;
  return { known, value: known && question ? answer?.value : undefined };
}
