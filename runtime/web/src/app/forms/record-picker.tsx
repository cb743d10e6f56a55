import { ArrowRightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { RecordOption } from '../data/record-search.ts';
import { referenceTitle } from '../metadata/format-value.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';

interface Props {
  target: string;
  /** An id, or the expanded record (`{ id, …fields }`). */
  value: unknown;
  onChange: (id: string | undefined) => void;
  disabled?: boolean;
  id?: string;
  ariaLabel?: string;
  status?: 'error';
  /** Offer to open the record picked (on a saved record's form). */
  openable?: boolean | undefined;
  /**
   * The lookup of a record being created (`visit.lead`): it offers only the records the caller
   * may create it on, and says how many it left out.
   */
  linkFrom?: string | undefined;
}

/** Lookup widget: type to search the target's titles, pick one; where `openable`, a button opens the one picked. */
export function RecordPicker({ target, value, onChange, disabled, id, ariaLabel, status, openable, linkFrom }: Props) {
  const { t, locale } = useI18n();
  const { search, searchLinkable, resolve, format, tenant, objectMap } = useSession();
  const [leftOut, setLeftOut] = useState(0);
  const currentId = typeof value === 'string' ? value : value && typeof value === 'object' ? String((value as { id?: unknown }).id ?? '') : '';
  const [options, setOptions] = useState<RecordOption[]>([]);
  const [known, setKnown] = useState<Map<string, string>>(() => new Map(
    currentId && typeof value === 'object' ? [[currentId, referenceTitle(target, value, format)]] : [],
  ));
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!currentId || known.has(currentId)) return;
    let live = true;
    resolve(target, [currentId]).then((found) => {
      if (live) setKnown((prev) => new Map([...prev, ...found.map((r) => [r.id, r.title] as const)]));
    }).catch(() => undefined);
    return () => { live = false; };
  }, [currentId, known, resolve, target]);

  const runSearch = (text: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      const searching = linkFrom ? searchLinkable(target, text, linkFrom) : search(target, text).then((found) => ({ options: found, leftOut: 0 }));
      searching.then(({ options: found, leftOut: others }) => {
        setOptions(found);
        setLeftOut(others);
        setKnown((prev) => new Map([...prev, ...found.map((r) => [r.id, r.title] as const)]));
      }).catch(() => { setOptions([]); setLeftOut(0); }).finally(() => setLoading(false));
    }, 250);
  };

  const merged = new Map(options.map((o) => [o.id, o.title]));
  const note = leftOut > 0 && linkFrom ? (
    <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
      {t('linkLeftOut', { count: leftOut, object: objectLabel(objectMap.get(linkFrom.split('.')[0]!), locale), target: objectLabel(objectMap.get(target), locale) })}
    </Typography.Text>
  ) : undefined;
  if (currentId && !merged.has(currentId)) merged.set(currentId, known.get(currentId) ?? currentId);
  const compact = openable && !!currentId && objectMap.has(target);
  const select = (
    <Select
      id={id}
      aria-label={ariaLabel}
      status={status}
      // Beside the open button it takes the room left, not the whole row (the button stuck out of a phone's card).
      style={compact ? { flex: '1 1 auto', minWidth: 0 } : { width: '100%' }}
      value={currentId || undefined}
      disabled={disabled}
      allowClear
      loading={loading}
      placeholder={t('search')}
      showSearch={{ filterOption: false, onSearch: runSearch }}
      onFocus={() => { if (options.length === 0) runSearch(''); }}
      options={[...merged].map(([value, label]) => ({ value, label }))}
      // What was left out is said under the options, or in their place where none is left.
      popupRender={(menu) => (note && merged.size > 0 ? <>{menu}{note}</> : menu)}
      notFoundContent={note}
      onChange={(next: string | undefined) => onChange(next || undefined)}
    />
  );
  if (!compact) return select;
  const to = paths.record(tenant, target, currentId);
  const label = t('openRecord', { title: merged.get(currentId) ?? '' });
  const open = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Space.Compact style={{ width: '100%', display: 'flex' }}>
      {select}
      <Button href={to} onClick={open} icon={<ArrowRightOutlined />} title={label} aria-label={label} />
    </Space.Compact>
  );
}
