import type { KeyboardEvent } from 'react';

/**
 * The keys that send a dialog from its text box. A short reason (释放's) goes with Enter, and
 * Shift+Enter makes a new line; a longer text (a work order's outcome, a stage's note) goes with
 * Ctrl+Enter (⌘+Enter on a Mac), and Enter makes a new line. Either goes with Ctrl+Enter. Never
 * while an input method is composing: there Enter picks what was typed (拼音 → 汉字), it is not
 * meant for the dialog.
 *
 * @example
 * <Input.TextArea onKeyDown={submitKeys(() => send(reason), 'enter')} />
 */
export function submitKeys(submit: () => void, key: 'enter' | 'ctrlEnter'): (event: KeyboardEvent<HTMLTextAreaElement>) => void {
  return (event) => {
    if (!sends(event, key)) return;
    event.preventDefault();
    submit();
  };
}

/** Whether the key pressed sends the text (see `submitKeys`). */
export function sends(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'> & { nativeEvent: { isComposing?: boolean; keyCode?: number } }, key: 'enter' | 'ctrlEnter'): boolean {
  // keyCode 229: an input method's key (Safari reports Enter ending a composition so).
  if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.nativeEvent.keyCode === 229 || event.altKey) return false;
  const modified = event.ctrlKey || event.metaKey;
  return modified || (key === 'enter' && !event.shiftKey);
}

/** The words under a box sent with Ctrl+Enter: ⌘+Enter on a Mac, iPhone or iPad, whose keyboards say ⌘. */
export function ctrlEnterWords(): 'sendWithCmdEnter' | 'sendWithCtrlEnter' {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'sendWithCmdEnter' : 'sendWithCtrlEnter';
}
