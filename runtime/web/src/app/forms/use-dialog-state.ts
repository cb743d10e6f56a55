import { useState, type Dispatch, type SetStateAction } from 'react';

/**
 * State of a dialog's input that starts over at `initial` each time the dialog opens. A dialog
 * that stays mounted between uses (antd's `destroyOnHidden` drops its body, not the state of the
 * component holding it) would otherwise open on the last record's input: a release reason typed
 * for one lead, offered for the next with 释放 already enabled.
 *
 * @example const [reason, setReason] = useDialogState(open, '');
 */
export function useDialogState<T>(open: boolean, initial: T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState(initial);
  const [wasOpen, setWasOpen] = useState(open);
  // Set while rendering (React's "state from the previous render"): the dialog's first frame
  // already shows the fresh input, not a flash of the old one.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setValue(initial);
  }
  return [value, setValue];
}
