import { LinkOutlined } from '@ant-design/icons';
import { Input, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { hasChinese, keyFromTyped } from '../document/label-key.ts';
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

/**
 * Edits a key (object, field, stage …); the rename happens on Enter or leaving the input, if the
 * key is valid and free. Chinese typed there becomes its pinyin key (主管 → zhuGuan), as in the
 * add dialogs. A key refused is put back, and why stays beside the input until the next edit: a
 * tooltip alone vanished with the focus, and the key seemed to change back by itself.
 */
export function KeyInput({ value, pattern, taken, onCommit, disabled, ariaLabel, disabledReason, followsLabel }: KeyInputProps) {
  const t = useT();
  const [text, setText] = useState(value);
  const [refused, setRefused] = useState<{ text: string; reason: string } | undefined>();
  useEffect(() => setText(value), [value]);
  const problemOf = (key: string) => (key === value ? undefined : !pattern.test(key) ? t('key.pattern') : taken.includes(key) ? t('key.taken') : undefined);
  // Chinese is not judged as typed: it becomes a pinyin key on leaving the input.
  const problem = hasChinese(text) ? undefined : problemOf(text);
  const commit = async () => {
    if (text === value) return;
    const typed = text;
    const key = hasChinese(typed) ? await keyFromTyped(typed, taken).catch(() => typed) : typed;
    const reason = problemOf(key);
    setText(reason ? value : key);
    setRefused(reason ? { text: typed, reason } : undefined);
    if (!reason && key !== value) onCommit(key);
  };
  const input = (
    <Input
      aria-label={ariaLabel}
      value={text}
      disabled={disabled}
      status={problem ? 'error' : undefined}
      onChange={(e) => { setText(e.target.value.trim()); setRefused(undefined); }}
      onBlur={() => void commit()}
      onPressEnter={() => void commit()}
      onKeyDown={(e) => { if (e.key === 'Escape') { setText(value); setRefused(undefined); } }}
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
  return (
    <>
      <Tooltip title={problem ?? (disabled ? disabledReason : undefined)} open={problem ? true : undefined}>{input}</Tooltip>
      {refused && <Typography.Text type="danger" role="alert" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('key.refused', { key: refused.text, reason: refused.reason })}</Typography.Text>}
    </>
  );
}
