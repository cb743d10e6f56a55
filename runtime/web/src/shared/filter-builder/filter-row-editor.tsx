import { DeleteOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { keyLabel } from '../labels.ts';
import { builderText, operatorName } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';
import { listOperators, type FilterRow, type RowOperator } from './filter-model.ts';
import { defaultOperator, offeredOperators } from './filter-operators.ts';
import { FilterValueInput } from './filter-value-input.tsx';

interface Props {
  row: FilterRow;
  onChange: (row: FilterRow) => void;
  onRemove: () => void;
  /** Just added: its field choice takes the focus, so the keyboard goes on in the new row. */
  autoFocus?: boolean;
}

/** One condition: field, operator, value. */
export function FilterRowEditor({ row, onChange, onRemove, autoFocus }: Props) {
  const { fields, fieldsByKey, locale, disabled } = useBuilderSettings();
  const field = fieldsByKey.get(row.field);
  const operators = field ? offeredOperators(field) : [];
  if (field && !operators.includes(row.op)) operators.push(row.op);

  const pickField = (key: string) => {
    const next = fieldsByKey.get(key);
    if (!next) return;
    const op = defaultOperator(next);
    onChange({ ...row, field: key, op, value: undefined, bare: op === '$eq' });
  };
  const pickOperator = (op: RowOperator) => {
    onChange({ ...row, op, value: convertValue(row.value, row.op, op), bare: op === '$eq' });
  };

  return (
    <Space wrap size={6} style={{ width: '100%', marginBottom: 6 }}>
      <Select
        aria-label={builderText('field', locale)}
        placeholder={builderText('field', locale)}
        style={{ minWidth: 160 }}
        autoFocus={autoFocus}
        value={row.field || undefined}
        disabled={disabled}
        showSearch={{ optionFilterProp: 'label' }}
        options={fields.map((f) => ({ value: f.key, label: keyLabel(f.label, locale, f.key) }))}
        onChange={pickField}
      />
      {field && (
        <Select<RowOperator>
          aria-label={builderText('operator', locale)}
          style={{ minWidth: 110 }}
          value={row.op}
          disabled={disabled}
          options={operators.map((op) => ({ value: op, label: operatorName(op, locale) }))}
          onChange={pickOperator}
        />
      )}
      {field && <FilterValueInput field={field} op={row.op} value={row.value} onChange={(value) => onChange({ ...row, value })} />}
      <Button aria-label={builderText('removeItem', locale)} icon={<DeleteOutlined />} type="text" disabled={disabled} onClick={onRemove} />
    </Space>
  );
}

/** Keeps what can be kept when the operator changes between one value and a list. */
function convertValue(value: unknown, from: RowOperator, to: RowOperator): unknown {
  if (to === '$null') return true;
  if (from === '$null') return undefined;
  const wasList = listOperators.has(from);
  const isList = listOperators.has(to);
  if (wasList === isList) return value;
  if (isList) return value === undefined || value === '' ? undefined : (typeof value === 'string' && value.startsWith('$') ? value : [value]);
  return Array.isArray(value) ? value[0] : value;
}
