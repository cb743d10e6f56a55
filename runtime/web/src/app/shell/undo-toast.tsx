import type { App } from 'antd';

type Message = ReturnType<typeof App.useApp>['message'];

/**
 * A success toast saying what was done, with an Undo link while it shows: the link closes the
 * toast and calls `onUndo` (a delete's restore, a closed work order's reopen).
 */
export function showUndoToast(message: Message, toast: { key: string; duration: number; text: string; undo: string; onUndo: () => void }): void {
  void message.success({
    key: toast.key, duration: toast.duration,
    content: <span>{toast.text} <a href="#" role="button" onClick={(e) => { e.preventDefault(); message.destroy(toast.key); toast.onUndo(); }}>{toast.undo}</a></span>,
  });
}
