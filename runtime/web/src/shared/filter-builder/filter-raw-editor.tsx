import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { FilterJson } from './filter-builder-types.ts';
import { builderText } from './filter-builder-strings.ts';
import { useBuilderSettings } from './filter-builder-context.ts';
import { isPlainObject } from './filter-model.ts';

interface Props {
  json: FilterJson;
  onChange: (json: FilterJson) => void;
  onRemove?: () => void;
  hint?: string;
}

/** A condition (or a whole filter) edited as JSON text; only a JSON object is accepted. */
export function FilterRawEditor({ json, onChange, onRemove, hint }: Props) {
  const { locale, disabled } = useBuilderSettings();
  const [text, setText] = useState(() => JSON.stringify(json, null, 2));
  const [invalid, setInvalid] = useState(false);
  const edit = (next: string) => {
    setText(next);
    const parsed = parseObject(next);
    setInvalid(parsed === undefined);
    if (parsed) onChange(parsed);
  };
  return (
    <div style={{ marginBottom: 6 }}>
      <Space align="start" style={{ width: '100%' }}>
        <div style={{ flex: 1, minWidth: 220 }}>
          {hint && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text>}
          <Input.TextArea
            aria-label={builderText('json', locale)}
            aria-invalid={invalid}
            status={invalid ? 'error' : undefined}
            value={text}
            disabled={disabled}
            autoSize={{ minRows: 1, maxRows: 12 }}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => edit(e.target.value)}
          />
          {invalid && <Typography.Text type="danger" style={{ fontSize: 12 }}>{builderText('invalidJson', locale)}</Typography.Text>}
        </div>
        {onRemove && <Button aria-label={builderText('removeItem', locale)} icon={<DeleteOutlined />} type="text" disabled={disabled} onClick={onRemove} />}
      </Space>
    </div>
  );
}

export function parseObject(text: string): FilterJson | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
