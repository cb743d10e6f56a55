import { Segmented, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FilterBuilderProps, FilterJson } from './filter-builder-types.ts';
import { builderText } from './filter-builder-strings.ts';
import { FilterBuilderSettingsContext, type FilterBuilderSettings } from './filter-builder-context.ts';
import { FilterGroupEditor } from './filter-group-editor.tsx';
import type { FilterGroup } from './filter-model.ts';
import { filterToTree } from './filter-parse.ts';
import { FilterRawEditor } from './filter-raw-editor.tsx';
import { hasUnfinished, treeToFilter } from './filter-serialize.ts';

const keyOf = (json: FilterJson | undefined) => JSON.stringify(json ?? null);

/**
 * The visual filter builder (contract: filter-builder-types.ts). Edits the filter language as
 * rows in AND/OR groups; anything without a row form stays editable as JSON, and the whole
 * filter can be edited as JSON too. Rows still being filled in are not emitted.
 *
 * @example
 * <FilterBuilder value={where} onChange={setWhere} fields={fields} locale="zh" allowVariables />
 */
export function FilterBuilder(props: FilterBuilderProps) {
  const { value, onChange, fields, locale } = props;
  const [tree, setTree] = useState<FilterGroup>(() => filterToTree(value, fields));
  const [mode, setMode] = useState<'rows' | 'json'>('rows');
  const emitted = useRef(keyOf(value));

  useEffect(() => {
    // Only a value that did not come from this builder replaces the rows being edited.
    if (keyOf(value) === emitted.current) return;
    emitted.current = keyOf(value);
    setTree(filterToTree(value, fields));
  }, [value, fields]);

  // Fields that arrive later (the tenant's user attributes, read after the first render) give
  // rows to conditions shown as JSON until then; rows being filled in are kept.
  const fieldKeys = fields.map((f) => `${f.key}:${f.kind}`).join('\n');
  const parsedWith = useRef(fieldKeys);
  useEffect(() => {
    if (parsedWith.current === fieldKeys) return;
    parsedWith.current = fieldKeys;
    setTree((current) => (!hasUnfinished(current) && keyOf(treeToFilter(current)) === keyOf(value) ? filterToTree(value, fields) : current));
  }, [fieldKeys, value, fields]);

  const settings = useMemo<FilterBuilderSettings>(() => ({
    fields,
    fieldsByKey: new Map(fields.map((f) => [f.key, f])),
    locale,
    allowVariables: props.allowVariables ?? false,
    allowRelativeDates: props.allowRelativeDates ?? true,
    searchRecords: props.searchRecords,
    resolveRecords: props.resolveRecords,
    disabled: props.disabled ?? false,
  }), [fields, locale, props.allowVariables, props.allowRelativeDates, props.searchRecords, props.resolveRecords, props.disabled]);

  const emit = (json: FilterJson | undefined) => {
    emitted.current = keyOf(json);
    onChange(json);
  };
  const editTree = (next: FilterGroup) => {
    setTree(next);
    emit(treeToFilter(next));
  };
  const switchMode = (next: 'rows' | 'json') => {
    if (next === 'rows') setTree(filterToTree(value, fields));
    setMode(next);
  };

  return (
    <FilterBuilderSettingsContext.Provider value={settings}>
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Segmented
          size="small"
          aria-label={builderText('editAs', locale)}
          value={mode}
          options={[{ value: 'rows', label: builderText('rows', locale) }, { value: 'json', label: builderText('json', locale) }]}
          onChange={(v) => switchMode(v as 'rows' | 'json')}
        />
        {mode === 'json'
          ? <FilterRawEditor key="whole" json={value ?? {}} onChange={(json) => emit(Object.keys(json).length > 0 ? json : undefined)} />
          : (
            <>
              {tree.children.length === 0 && <Typography.Text type="secondary">{props.emptyText ?? builderText('empty', locale)}</Typography.Text>}
              <FilterGroupEditor group={tree} depth={0} onChange={editTree} />
            </>
          )}
      </Space>
    </FilterBuilderSettingsContext.Provider>
  );
}
