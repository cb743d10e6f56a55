import { LinkOutlined } from '@ant-design/icons';
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
  /** Whether the key still follows the item's label (not published, not typed): marked so the owner expects it to move. Leave out where keys never follow labels. */
  followsLabel?: boolean;
}

/** Edits a key (object, field, stage …); the rename happens on Enter or leaving the input, if the key is valid and free. */
export function KeyInput({ value, pattern, taken, onCommit, disabled, ariaLabel, disabledReason, followsLabel }: KeyInputProps) {
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
      // Where a key may follow its label the suffix is always there: antd remounts an input whose suffix comes and goes.
      suffix={followsLabel === undefined ? undefined : (
        <Tooltip title={followsLabel ? t('key.followsLabel') : undefined}>
          <LinkOutlined data-testid={followsLabel ? 'key-follows-label' : undefined} style={{ color: '#1677ff', visibility: followsLabel ? 'visible' : 'hidden' }}
            aria-hidden={!followsLabel} aria-label={followsLabel ? t('key.followsLabel') : undefined} />
        </Tooltip>
      )}
    />
  );
  return <Tooltip title={problem ?? (disabled ? disabledReason : undefined)} open={problem ? true : undefined}>{input}</Tooltip>;
}
