import { DatePicker, InputNumber, Segmented, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { anchorName, builderText, dateAnchors, dateUnits, unitName, type DateAnchor, type DateUnit } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';
import { formatRelativeDate, parseRelativeDate } from './relative-date.ts';

interface Props {
  kind: 'date' | 'datetime' | 'timestamp';
  value: unknown;
  onChange: (value: string | undefined) => void;
  ariaLabel: string;
}

/** A fixed date (or instant), or a relative one such as `now-15d` or `startOfMonth`. */
export function FilterDateInput({ kind, value, onChange, ariaLabel }: Props) {
  const { locale, allowRelativeDates, disabled } = useBuilderSettings();
  const relative = parseRelativeDate(value);
  const [mode, setMode] = useState<'fixed' | 'relative'>(relative ? 'relative' : 'fixed');
  const showModes = allowRelativeDates || relative !== undefined;

  const fixed = typeof value === 'string' && !relative && dayjs(value).isValid() ? dayjs(value) : null;
  const picker = (
    <DatePicker
      aria-label={ariaLabel}
      value={fixed}
      showTime={kind !== 'date'}
      disabled={disabled}
      onChange={(d) => onChange(d ? (kind === 'date' ? d.format('YYYY-MM-DD') : d.toISOString()) : undefined)}
    />
  );
  const rel = relative ?? { anchor: kind === 'date' ? 'today' : 'now', amount: 0, unit: 'd' };
  const update = (patch: Partial<typeof rel>) => onChange(formatRelativeDate({ ...rel, ...patch }));
  const relativeInputs = (
    <Space.Compact>
      <Select<DateAnchor>
        aria-label={`${ariaLabel}: ${builderText('relativeDate', locale)}`}
        value={rel.anchor}
        style={{ minWidth: 110 }}
        disabled={disabled}
        options={dateAnchors.map((a) => ({ value: a, label: anchorName(a, locale) }))}
        onChange={(anchor) => update({ anchor })}
      />
      <InputNumber
        aria-label={`${ariaLabel}: ±`}
        value={rel.amount}
        style={{ width: 80 }}
        disabled={disabled}
        precision={0}
        onChange={(n) => update({ amount: typeof n === 'number' ? n : 0 })}
      />
      <Select<DateUnit>
        aria-label={`${ariaLabel}: ${builderText('unit', locale)}`}
        value={rel.unit}
        style={{ minWidth: 80 }}
        disabled={disabled}
        options={[...dateUnits, ...(rel.unit === 's' ? ['s' as const] : [])].map((u) => ({ value: u, label: unitName(u, locale) }))}
        onChange={(unit) => update({ unit })}
      />
    </Space.Compact>
  );

  if (!showModes) return picker;
  return (
    <Space wrap size={4}>
      <Segmented
        size="small"
        aria-label={`${ariaLabel}: ${builderText('dateMode', locale)}`}
        value={mode}
        disabled={disabled}
        options={[
          { value: 'fixed', label: builderText('fixedDate', locale) },
          { value: 'relative', label: builderText('relativeDate', locale) },
        ]}
        onChange={(next) => {
          setMode(next as 'fixed' | 'relative');
          onChange(next === 'relative' ? formatRelativeDate(rel) : undefined);
        }}
      />
      {mode === 'relative' ? relativeInputs : picker}
    </Space>
  );
}
