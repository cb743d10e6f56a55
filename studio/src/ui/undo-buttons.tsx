import { RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';

/** Where a key press belongs to the element itself: text being typed has its own undo (inputs, the code editor). */
function typing(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('textarea, [contenteditable="true"], input:not([type="checkbox"]):not([type="radio"])') !== null;
}

/** Undo and redo of the draft's edits: buttons, and Ctrl/⌘+Z, Ctrl/⌘+Shift+Z or Ctrl+Y outside text inputs. */
export function UndoButtons() {
  const t = useT();
  const { store } = useStudio();
  const { canUndo, canRedo } = useSnapshot();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.undo();
      else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) store.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return (
    <Space.Compact size="small">
      <Tooltip title={t('draft.undoHelp')}><Button size="small" icon={<UndoOutlined />} aria-label={t('draft.undo')} disabled={!canUndo} onClick={store.undo} /></Tooltip>
      <Tooltip title={t('draft.redoHelp')}><Button size="small" icon={<RedoOutlined />} aria-label={t('draft.redo')} disabled={!canRedo} onClick={store.redo} /></Tooltip>
    </Space.Compact>
  );
}
