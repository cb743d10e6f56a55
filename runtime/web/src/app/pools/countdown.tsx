import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { releaseReasonText } from '../i18n/release-reasons.ts';
import { maybeTranslate } from '../i18n/translate.ts';
import { dateTime } from '../metadata/format-value.ts';
import { useSession } from '../session/tenant-session.tsx';
import { timeLeft } from './time-left.ts';

/**
 * Time left until `to` (ticking every 30 s), with the reason that applies then, said as a
 * condition ("若期间仍未拜访", not "未拜访", which a lead visited today would contradict).
 */
export function Countdown({ to, reason }: { to: string; reason?: string | null }) {
  const { t, locale } = useI18n();
  const { format } = useSession();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const left = timeLeft(to, now, locale);
  const soon = left.ms < 3 * 86_400_000;
  const why = reason ? ` · ${maybeTranslate(`due_${reason}`, locale) ?? releaseReasonText(reason, locale)}` : '';
  return (
    <Tooltip title={`${dateTime(to, format)}${why}`}>
      <Tag icon={<ClockCircleOutlined />} color={left.overdue ? 'red' : soon ? 'orange' : 'default'}>
        <time dateTime={to}>{left.overdue ? t('overdue') : t('releasesIn', { left: left.text })}</time>
        {why}
      </Tag>
    </Tooltip>
  );
}
