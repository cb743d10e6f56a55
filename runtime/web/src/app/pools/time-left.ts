import type { UiLocale } from '../../shared/labels.ts';

/** How long until `to`, in the two largest units: `3d 4h`, `5h 12m`, `7m`; negative means overdue. */
export function timeLeft(to: string | Date, now: Date, locale: UiLocale): { text: string; overdue: boolean; ms: number } {
  const target = typeof to === 'string' ? new Date(to) : to;
  const ms = target.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = locale === 'zh' ? { d: '天', h: '小时', m: '分钟' } : { d: 'd', h: 'h', m: 'm' };
  const sep = locale === 'zh' ? '' : ' ';
  const text = days > 0 ? `${days}${unit.d}${sep}${hours}${unit.h}` : hours > 0 ? `${hours}${unit.h}${sep}${mins}${unit.m}` : `${mins}${unit.m}`;
  return { text, overdue: ms <= 0, ms };
}
