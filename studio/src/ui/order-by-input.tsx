import { CloseOutlined } from '@ant-design/icons';
import { Button, Segmented, Select } from 'antd';
import { useMemo } from 'react';
import { moveItem } from '../document/draft-state.ts';
import { maxSortKeys, readOrderBy, sortableFields, writeOrderBy, type SortKeyDraft } from '../document/sort-keys.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDocument } from '../state/studio-context.tsx';
import type { Choice } from './choices.ts';
import { SortableList } from './sortable-list.tsx';

/**
 * An `orderBy` as a list of sort keys, each a field and a direction, in drag order: keys are
 * added (up to the server's limit), removed and reordered. `choices` are the sortable fields.
 */
export function OrderByInput({ value, onChange, choices }: { value: string | undefined; onChange: (next: string | undefined) => void; choices: Choice[] }) {
  const { t } = useI18n();
  const keys = readOrderBy(value);
  const write = (next: SortKeyDraft[]) => onChange(writeOrderBy(next));
  const nameOf = (field: string) => choices.find((c) => c.value === field)?.label ?? field;
  const addLabel = t(keys.length > 0 ? 'layouts.addSortKey' : 'layouts.firstSortKey');
  const unused = (keep?: string) => choices.filter((c) => c.value === keep || !keys.some((k) => k.field === c.value));
  return (
    <div>
      <SortableList items={keys} idOf={(k, i) => (keys.findIndex((other) => other.field === k.field) === i ? `sort:${k.field}` : `sort:${k.field}:${i}`)} labelOf={(k) => nameOf(k.field)} onMove={(from, to) => write(moveItem(keys, from, to))}
        render={(key, index, handle) => (
          <>
            {handle}
            <Select style={{ width: 240 }} value={key.field} options={unused(key.field)} showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('layouts.sortKey', { n: index + 1 })} onChange={(field: string) => write(keys.map((k, i) => (i === index ? { ...k, field } : k)))} />
            <Segmented value={key.descending ? 'desc' : 'asc'} onChange={(v) => write(keys.map((k, i) => (i === index ? { ...k, descending: v === 'desc' } : k)))}
              options={[{ value: 'asc', label: t('common.asc') }, { value: 'desc', label: t('common.desc') }]} />
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('layouts.removeSortKey', { field: key.field })} onClick={() => write(keys.filter((_, i) => i !== index))} />
          </>
        )} />
      {keys.length < maxSortKeys && (
        <Select style={{ width: 240, marginTop: keys.length > 0 ? 8 : 0 }} value={null} placeholder={addLabel} aria-label={addLabel}
          showSearch={{ optionFilterProp: 'label' }} options={unused()} onChange={(field: string) => write([...keys, { field, descending: false }])} />
      )}
    </div>
  );
}

/** Of a list's field `choices`, those the server can sort `object` by (no multi-select). */
export function useSortChoices(object: string, choices: Choice[]): Choice[] {
  const document = useDocument();
  const keys = useMemo(() => new Set(sortableFields(document, object).map((f) => f.key)), [document, object]);
  return choices.filter((c) => keys.has(c.value));
}
