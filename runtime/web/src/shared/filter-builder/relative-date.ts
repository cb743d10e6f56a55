import type { DateAnchor, DateUnit } from './filter-builder-strings.ts';

/** `now-15d` ↔ { anchor: now, amount: -15, unit: d } (the filter language's relative dates). */
export interface RelativeDate {
  anchor: DateAnchor;
  amount: number;
  unit: DateUnit;
}

const pattern = /^(now|today|yesterday|tomorrow|startOfWeek|startOfMonth|startOfYear)(?:([+-])(\d{1,6})([smhdwMy]))?$/;

export function parseRelativeDate(text: unknown): RelativeDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const amount = match[2] ? Number(match[3]) * (match[2] === '-' ? -1 : 1) : 0;
  return { anchor: match[1] as DateAnchor, amount, unit: (match[4] ?? 'd') as DateUnit };
}

export function formatRelativeDate(value: RelativeDate): string {
  if (!value.amount) return value.anchor;
  return `${value.anchor}${value.amount < 0 ? '-' : '+'}${Math.abs(Math.trunc(value.amount))}${value.unit}`;
}
