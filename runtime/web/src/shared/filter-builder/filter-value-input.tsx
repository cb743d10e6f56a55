import { AutoComplete, Button, Input, InputNumber, Select, Space, Tooltip } from 'antd';
import { keyLabel, labelOf } from '../labels.ts';
import type { FilterFieldInfo } from './filter-builder-types.ts';
import { builderText } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';
import { FilterDateInput } from './filter-date-input.tsx';
import { FilterRecordSelect } from './filter-record-select.tsx';
import { isVariable, listOperators, type RowOperator } from './filter-model.ts';
import { dateKinds } from './filter-operators.ts';

interface Props {
  field: FilterFieldInfo;
  op: RowOperator;
  value: unknown;
  onChange: (value: unknown) => void;
}

const variables = ['$user.id', '$user.email', '$user.name', '$user.roles', '$user.managerId', '$user.attributes.'];

/** The value part of a row: an editor that fits the field's kind and the operator. */
export function FilterValueInput({ field, op, value, onChange }: Props) {
  const { locale, allowVariables, disabled } = useBuilderSettings();
  const ariaLabel = `${keyLabel(field.label, locale, field.key)}: ${builderText('value', locale)}`;
  if (op === '$null') {
    return (
      <Select
        aria-label={ariaLabel}
        style={{ minWidth: 120 }}
        value={typeof value === 'boolean' ? value : undefined}
        disabled={disabled}
        options={[{ value: true, label: builderText('isEmpty', locale) }, { value: false, label: builderText('isNotEmpty', locale) }]}
        onChange={onChange}
      />
    );
  }
  const variable = isVariable(value);
  const toggle = (allowVariables || variable) ? (
    <Tooltip title={builderText(variable ? 'literal' : 'variable', locale)}>
      <Button
        aria-label={builderText(variable ? 'literal' : 'variable', locale)}
        aria-pressed={variable}
        type={variable ? 'primary' : 'default'}
        disabled={disabled}
        onClick={() => onChange(variable ? undefined : '$user.id')}
      >
        {'{x}'}
      </Button>
    </Tooltip>
  ) : null;
  const editor = variable
    ? (
      <AutoComplete
        aria-label={ariaLabel}
        style={{ minWidth: 200 }}
        value={value}
        disabled={disabled}
        options={variables.map((v) => ({ value: v }))}
        onChange={(text: string) => onChange(text)}
      />
    )
    : <LiteralInput field={field} op={op} value={value} onChange={onChange} ariaLabel={ariaLabel} />;
  return toggle ? <Space.Compact>{editor}{toggle}</Space.Compact> : editor;
}

function LiteralInput({ field, op, value, onChange, ariaLabel }: Props & { ariaLabel: string }) {
  const { locale, searchRecords, disabled } = useBuilderSettings();
  const list = listOperators.has(op);
  const options = field.options?.map((o) => ({ value: o.value, label: labelOf(o.label, locale, o.value) }));
  const common = { 'aria-label': ariaLabel, disabled, style: { minWidth: 180 } };
  if (options && (field.kind === 'text' || field.kind === 'multi' || field.kind === 'json' || field.kind === 'textArray')) {
    return (
      <Select
        {...common}
        mode={list ? 'multiple' : undefined}
        showSearch={{ optionFilterProp: 'label' }}
        value={list ? (Array.isArray(value) ? value : []) : (value as string | undefined)}
        options={options}
        onChange={onChange}
      />
    );
  }
  if (field.target && searchRecords && (field.kind === 'reference' || field.kind === 'uuid')) {
    return <FilterRecordSelect target={field.target} multiple={list} value={value as string | string[] | undefined} onChange={onChange} ariaLabel={ariaLabel} />;
  }
  if (list) {
    const numeric = field.kind === 'number';
    return (
      <Select
        {...common}
        mode="tags"
        placeholder={builderText('typeValues', locale)}
        value={Array.isArray(value) ? value.map(String) : []}
        open={false}
        onChange={(items: string[]) => onChange(numeric ? items.map(Number).filter(Number.isFinite) : items)}
      />
    );
  }
  if (field.kind === 'boolean') {
    return (
      <Select
        {...common}
        value={typeof value === 'boolean' ? value : undefined}
        options={[{ value: true, label: builderText('yes', locale) }, { value: false, label: builderText('no', locale) }]}
        onChange={onChange}
      />
    );
  }
  if (field.kind === 'number') {
    return <InputNumber {...common} value={typeof value === 'number' ? value : null} onChange={(n) => onChange(n ?? undefined)} />;
  }
  if (dateKinds.has(field.kind)) {
    return <FilterDateInput kind={field.kind as 'date'} value={value} onChange={onChange} ariaLabel={ariaLabel} />;
  }
  return <Input {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
}
