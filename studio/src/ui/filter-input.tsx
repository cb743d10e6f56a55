import { Input, Typography } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import type { FilterBuilderProps, FilterFieldInfo, FilterJson } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDocument, useStudio } from '../state/studio-context.tsx';
import { Item } from './item.tsx';

/**
 * The shared visual filter builder (runtime/web/src/shared/filter-builder), picked up at build
 * time when its module exists; until then filters are edited as JSON in the same place.
 */
const builderModules = import.meta.glob<{ FilterBuilder?: ComponentType<FilterBuilderProps> }>('../../../runtime/web/src/shared/filter-builder/index.ts', { eager: true });
const FilterBuilder = Object.values(builderModules)[0]?.FilterBuilder;

export interface FilterInputProps {
  pointer: string;
  label: string;
  help?: string;
  /** What this filter means when it has no conditions: "every user", "no record is exempt" … */
  emptyMeaning: string;
  value: FilterJson | undefined;
  onChange: (value: FilterJson | undefined) => void;
  fields: FilterFieldInfo[];
  allowVariables?: boolean;
}

/** One line when short, indented when long. */
function compact(value: FilterJson): string {
  const line = JSON.stringify(value);
  return line.length <= 80 ? line : JSON.stringify(value, null, 2);
}

function JsonFilter({ value, onChange, label }: { value: FilterJson | undefined; onChange: (v: FilterJson | undefined) => void; label: string }) {
  const { t } = useI18n();
  const serialized = value ? compact(value) : '';
  const [text, setText] = useState(serialized);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((current) => {
      try {
        return JSON.stringify(current.trim() ? JSON.parse(current) : undefined) === JSON.stringify(value) ? current : serialized;
      } catch {
        return current;
      }
    });
  }, [serialized]); // only outside changes reset the text; typing keeps what is typed
  const change = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setError(null);
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(t('filter.notObject'));
      setError(null);
      onChange(parsed as FilterJson);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Input.TextArea aria-label={`${label} (JSON)`} autoSize={{ minRows: 2, maxRows: 10 }} value={text} onChange={(e) => change(e.target.value)}
        placeholder='{ "city": { "$in": ["beijing"] } }' style={{ fontFamily: 'monospace', fontSize: 12 }} status={error ? 'error' : undefined} />
      {error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('filter.badJson', { error })}</Typography.Text>}
    </>
  );
}

/**
 * One filter of the document: the visual builder (when available) or JSON, with the server's
 * problems at its pointer. An empty filter means different things (every record of a pool, no
 * exempt record, everyone): `emptyMeaning` says which, where the builder shows it is empty.
 */
export function FilterInput({ pointer, label, help, emptyMeaning, value, onChange, fields, allowVariables }: FilterInputProps) {
  const { t, locale } = useI18n();
  const { api } = useStudio();
  const document = useDocument();
  const searchRecords = async (target: string, text: string) => {
    if (target === 'user') {
      const { data } = await api.searchUsers(text);
      return data.map((u) => ({ id: u.id, title: `${u.name} <${u.email}>` }));
    }
    const title = document.objects[target]?.titleField;
    const { data } = await api.searchRecords(target, title ?? 'id', title ? text : '');
    return data.map((r) => ({ id: String(r.id), title: String((title && r[title]) ?? r.id) }));
  };
  const resolveRecords = async (target: string, ids: string[]) => {
    if (target === 'user') {
      const all = await api.allUsers();
      return all.filter((u) => ids.includes(u.id)).map((u) => ({ id: u.id, title: `${u.name} <${u.email}>` }));
    }
    const title = document.objects[target]?.titleField;
    const { data } = await api.recordsById(target, ids);
    return data.map((r) => ({ id: String(r.id), title: String((title && r[title]) ?? r.id) }));
  };
  return (
    <Item pointer={pointer} label={label} help={help} under>
      {FilterBuilder ? (
        <FilterBuilder value={value} onChange={onChange} fields={fields} locale={locale} allowVariables={allowVariables ?? false}
          searchRecords={searchRecords} resolveRecords={resolveRecords} emptyText={emptyMeaning} />
      ) : (
        <div>
          <JsonFilter value={value} onChange={onChange} label={label} />
          {!value && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{emptyMeaning}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('filter.fields', { fields: fields.slice(0, 12).map((f) => f.key).join(', ') })}</Typography.Text>
        </div>
      )}
    </Item>
  );
}
