import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import type { Label, SelectOption } from '../../../../platform/metadata/metadata-types.ts';
import { moveItem, freeKey } from '../../document/draft-state.ts';
import { renameOption, setOptions } from '../../document/field-type-ops.ts';
import { placeholderKeys } from '../../document/key-follows-label.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply } from '../../state/studio-context.tsx';
import { ProblemText } from '../../ui/item.tsx';
import { KeyInput } from '../../ui/key-input.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { SortableList, useStableIds } from '../../ui/sortable-list.tsx';
import { useKeyFollowsLabel, useLabelWithKey } from '../../ui/use-key-follows-label.ts';

const colors = ['blue', 'green', 'gold', 'orange', 'red', 'purple', 'cyan', 'magenta', 'gray'];
const valuePattern = /^\S.{0,99}$/;

function asObject(option: string | SelectOption): SelectOption {
  return typeof option === 'string' ? { value: option } : option;
}

interface OptionRowProps {
  object: string;
  fieldKey: string;
  options: Array<string | SelectOption>;
  index: number;
  at: string;
  handle: ReactNode;
  write: (next: Array<string | SelectOption>) => void;
}

/** One option: its value (which follows the label until published or typed), label and color. */
function OptionRow({ object, fieldKey, options, index, at, handle, write }: OptionRowProps) {
  const { t, label: labelText } = useI18n();
  const apply = useApply();
  const item = { kind: 'option', object, field: fieldKey, index } as const;
  const follows = useKeyFollowsLabel(item);
  const labelWithKey = useLabelWithKey();
  const { value, label, color } = asObject(options[index]!);
  const values = options.map((o) => asObject(o).value);
  const patched = (change: { label?: Label | undefined; color?: string | undefined }) => {
    const current = { ...asObject(options[index]!), ...change };
    if (!current.label) delete current.label;
    if (!current.color) delete current.color;
    return options.map((o, i) => (i === index ? (current.label || current.color ? current : current.value) : o));
  };
  return (
    <div style={{ width: '100%' }} data-pointer={`${at}/${index}`}>
      <Space.Compact style={{ width: '100%' }}>
        {handle}
        <div style={{ width: 150 }}>
          <KeyInput ariaLabel={t('opt.value')} value={value} pattern={valuePattern} taken={values.filter((v) => v !== value)} followsLabel={follows}
            onCommit={(next) => apply(renameOption(object, fieldKey, index, next))} />
        </div>
        <div style={{ flex: 1 }}><LabelInput value={label} of={t('label.ofOption', { name: labelText(label, value) })} onChange={(l) => labelWithKey((next) => setOptions(object, fieldKey, patched({ label: next })), item, label, l)} /></div>
        <Select allowClear placeholder={t('opt.color')} value={color} onChange={(c) => write(patched({ color: c }))} style={{ width: 100 }} aria-label={t('opt.color')}
          options={colors.map((c) => ({ value: c, label: <span><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: c, marginRight: 6 }} />{c}</span> }))} />
        <Button icon={<DeleteOutlined />} aria-label={t('opt.removeOption', { value: labelText(label, value) })} disabled={options.length <= 1} onClick={() => write(options.filter((_, i) => i !== index))} />
      </Space.Compact>
      <ProblemText pointer={`${at}/${index}`} under />
    </div>
  );
}

/** Select options in order: value (renames migrate records), bilingual label and color. */
export function SelectOptionsEditor({ object, fieldKey, options, at }: { object: string; fieldKey: string; options: Array<string | SelectOption>; at: string }) {
  const { t, label } = useI18n();
  const apply = useApply();
  const values = options.map((o) => asObject(o).value);
  const ids = useStableIds(values);
  const write = (next: Array<string | SelectOption>) => apply(setOptions(object, fieldKey, next));
  return (
    <div>
      <SortableList
        items={options}
        idOf={(_, i) => ids[i]!}
        labelOf={(o) => label(asObject(o).label, asObject(o).value)}
        onMove={(from, to) => write(moveItem(options, from, to))}
        render={(_, index, handle) => <OptionRow object={object} fieldKey={fieldKey} options={options} index={index} at={at} handle={handle} write={write} />}
      />
      <Button size="small" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => write([...options, { value: freeKey(placeholderKeys.option, values) }])}>{t('opt.addOption')}</Button>
    </div>
  );
}
