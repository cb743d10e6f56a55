import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, theme } from 'antd';
import { useState } from 'react';
import { builderText } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';
import { newItemId, type Conjunction, type FilterGroup, type FilterItem } from './filter-model.ts';
import { FilterRawEditor } from './filter-raw-editor.tsx';
import { FilterRowEditor } from './filter-row-editor.tsx';

interface Props {
  group: FilterGroup;
  onChange: (group: FilterGroup) => void;
  onRemove?: () => void;
  depth: number;
}

/** A group of conditions joined by AND or OR, with nested groups. */
export function FilterGroupEditor({ group, onChange, onRemove, depth }: Props) {
  const { locale, disabled } = useBuilderSettings();
  const { token } = theme.useToken();
  const nestedStyle = { borderLeft: `2px solid ${group.conjunction === 'or' ? token.colorWarningBorder : token.colorPrimaryBorder}`, paddingLeft: 12, marginBlock: 6 };
  const setChild = (id: string, next: FilterItem | null) => {
    const children = group.children.flatMap((c) => (c.id === id ? (next ? [next] : []) : [c]));
    onChange({ ...group, children });
  };
  // The row "+ Condition" adds takes the focus (it stayed on the button, and Enter added another).
  const [added, setAdded] = useState<string | undefined>();
  const add = (item: FilterItem) => {
    if (item.type === 'row') setAdded(item.id);
    onChange({ ...group, children: [...group.children, item] });
  };
  const setConjunction = (conjunction: Conjunction) => {
    // The root is always one object (AND); an inner OR group written as a list.
    onChange({ ...group, conjunction, form: conjunction === 'or' ? 'array' : group.form });
  };
  return (
    <div role="group" aria-label={builderText(group.conjunction, locale)} style={depth > 0 ? nestedStyle : undefined}>
      <Space wrap size={6} style={{ marginBottom: 6 }}>
        {depth > 0 && (
          <Segmented
            size="small"
            aria-label={builderText('conjunction', locale)}
            value={group.conjunction}
            disabled={disabled}
            options={[{ value: 'and', label: builderText('and', locale) }, { value: 'or', label: builderText('or', locale) }]}
            onChange={(v) => setConjunction(v as Conjunction)}
          />
        )}
        <Button size="small" icon={<PlusOutlined />} disabled={disabled}
          onClick={() => add({ type: 'row', id: newItemId(), field: '', op: '$eq', value: undefined, bare: true })}>
          {builderText('addCondition', locale)}
        </Button>
        {depth < 4 && (
          <Button size="small" icon={<PlusOutlined />} disabled={disabled}
            onClick={() => add({ type: 'group', id: newItemId(), conjunction: 'or', form: 'array', children: [] })}>
            {builderText('addGroup', locale)}
          </Button>
        )}
        {onRemove && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={builderText('removeItem', locale)} disabled={disabled} onClick={onRemove} />}
      </Space>
      {group.children.map((child) => {
        switch (child.type) {
          case 'row':
            return <FilterRowEditor key={child.id} row={child} autoFocus={child.id === added} onChange={(r) => setChild(child.id, r)} onRemove={() => setChild(child.id, null)} />;
          case 'group':
            return <FilterGroupEditor key={child.id} group={child} depth={depth + 1} onChange={(g) => setChild(child.id, g)} onRemove={() => setChild(child.id, null)} />;
          case 'raw':
            return (
              <FilterRawEditor key={child.id} json={child.json} hint={builderText('rawHint', locale)}
                onChange={(json) => setChild(child.id, { ...child, json })} onRemove={() => setChild(child.id, null)} />
            );
        }
      })}
    </div>
  );
}
