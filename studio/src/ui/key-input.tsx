import { Input, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.tsx';

export interface KeyInputProps {
  value: string;
  pattern: RegExp;
  /** Keys already used next to this one. */
  taken: string[];
  onCommit: (key: string) => void;
  disabled?: boolean;
  ariaLabel: string;
  /** Why the key cannot change (shown when disabled). */
  disabledReason?: string;
}

/** Edits a key (object, field, stage …); the rename happens on Enter or leaving the input, if the key is valid and free. */
export function KeyInput({ value, pattern, taken, onCommit, disabled, ariaLabel, disabledReason }: KeyInputProps) {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const problem = text === value ? undefined : !pattern.test(text) ? t('key.pattern') : taken.includes(text) ? t('key.taken') : undefined;
  const commit = () => {
    if (text === value) return;
    if (problem) setText(value);
    else onCommit(text);
  };
  const input = (
    <Input
      aria-label={ariaLabel}
      value={text}
      disabled={disabled}
      status={problem ? 'error' : undefined}
      onChange={(e) => setText(e.target.value.trim())}
      onBlur={commit}
      onPressEnter={commit}
      onKeyDown={(e) => { if (e.key === 'Escape') setText(value); }}
      style={{ fontFamily: 'monospace' }}
    />
  );
  return <Tooltip title={problem ?? (disabled ? disabledReason : undefined)} open={problem ? true : undefined}>{input}</Tooltip>;
}
