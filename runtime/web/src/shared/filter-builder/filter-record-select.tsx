import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { builderText } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';

interface Props {
  target: string;
  value: string | string[] | undefined;
  multiple: boolean;
  onChange: (value: string | string[] | undefined) => void;
  ariaLabel: string;
}

/** Picks records of a lookup's target by searching their titles. */
export function FilterRecordSelect({ target, value, multiple, onChange, ariaLabel }: Props) {
  const { searchRecords, resolveRecords, locale, disabled } = useBuilderSettings();
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [found, setFound] = useState<Array<{ id: string; title: string }>>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const idsKey = ids.join(',');

  useEffect(() => {
    const unknown = idsKey.split(',').filter((id) => id && !titles.has(id));
    if (!resolveRecords || unknown.length === 0) return;
    let live = true;
    resolveRecords(target, unknown).then((records) => {
      if (live) setTitles((prev) => new Map([...prev, ...records.map((r) => [r.id, r.title] as const)]));
    }).catch(() => undefined);
    return () => { live = false; };
  }, [idsKey, target, resolveRecords, titles]);

  const search = (text: string) => {
    if (!searchRecords) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      searchRecords(target, text)
        .then((records) => {
          setFound(records);
          setTitles((prev) => new Map([...prev, ...records.map((r) => [r.id, r.title] as const)]));
        })
        .catch(() => setFound([]))
        .finally(() => setLoading(false));
    }, 250);
  };

  const options = [...new Map([...ids.map((id) => [id, titles.get(id) ?? id] as const), ...found.map((r) => [r.id, r.title] as const)])]
    .map(([id, title]) => ({ value: id, label: title }));

  return (
    <Select
      aria-label={ariaLabel}
      style={{ minWidth: 200 }}
      showSearch={{ filterOption: false, onSearch: search }}
      mode={multiple ? 'multiple' : undefined}
      value={multiple ? ids : ids[0]}
      options={options}
      loading={loading}
      placeholder={builderText('search', locale)}
      onFocus={() => { if (found.length === 0) search(''); }}
      onChange={(next) => onChange(next as string | string[] | undefined)}
      disabled={disabled}
      allowClear
    />
  );
}
