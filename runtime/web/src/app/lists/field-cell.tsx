import { Tag } from 'antd';
import { formatValue, type FormatContext } from '../metadata/format-value.ts';
import type { FieldInfo } from '../metadata/object-info.ts';

const antColors = new Set(['blue', 'cyan', 'green', 'orange', 'red', 'purple', 'gold', 'lime', 'magenta', 'volcano', 'geekblue']);

/** One value in a table or card: text, or a coloured tag for options with a colour. Never HTML. */
export function FieldCell({ field, value, format }: { field: FieldInfo | undefined; value: unknown; format: FormatContext }) {
  const text = formatValue(field, value, format);
  if (field && (field.type === 'select' || field.type === 'stage') && typeof value === 'string') {
    const color = field.options?.find((o) => o.value === value)?.color;
    if (color && color !== 'default') return <Tag color={antColors.has(color) ? color : undefined}>{text}</Tag>;
    if (field.type === 'stage') return <Tag>{text}</Tag>;
  }
  return <>{text}</>;
}
