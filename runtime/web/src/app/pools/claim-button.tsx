import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { dateTime } from '../metadata/format-value.ts';
import { useSession } from '../session/tenant-session.tsx';

interface Props {
  /** When the signed-in user may claim the record again (the public pool's `cooldownUntil`), if they let it go lately. */
  cooldownUntil: unknown;
  busy: boolean;
  /** Not yet known whether the cooldown holds (the record page asks the pool): not pressable until it is. */
  waiting?: boolean;
  onClaim: () => void;
  size?: 'small' | 'middle';
  /** The record's title, for a row of a list: the button's accessible name then says which record (领取「…」), as each row's button is otherwise one more 领取. */
  recordName?: string;
}

/**
 * 领取, or, for a record the user let go less than the pool's cooldown ago, a disabled 领取 that
 * says from when (on the tenant's clock) they may claim it again, as the server would refuse it until then.
 */
export function ClaimButton({ cooldownUntil, busy, waiting = false, onClaim, size = 'middle', recordName }: Props) {
  const { t } = useI18n();
  const name = recordName === undefined ? undefined : t('actionOn', { action: t('claim'), name: recordName });
  const { format } = useSession();
  if (typeof cooldownUntil === 'string' && Date.parse(cooldownUntil) > Date.now()) {
    return (
      <Space orientation="vertical" size={0} align="end">
        <Button size={size} type="primary" disabled aria-label={name}>{t('claim')}</Button>
        <Typography.Text type="secondary" className="shoal-claim-cooldown">{t('claimCooldown', { at: dateTime(cooldownUntil, format) })}</Typography.Text>
      </Space>
    );
  }
  return <Button size={size} type="primary" loading={busy} disabled={waiting} aria-busy={waiting || undefined} aria-label={name} onClick={onClaim}>{t('claim')}</Button>;
}
