import type { FormInstance } from 'antd';
import { useRef } from 'react';
import { flushSync } from 'react-dom';
import { keyForLabels, type LabelInputs } from '../document/label-key.ts';

/**
 * Keeps an add dialog's `key` input on the key its labels suggest (see `keyForLabels`) until
 * the owner types a key. Call it with the labels as they are after each change. A Chinese
 * label's key arrives once pinyin has loaded; by then a later keystroke may have asked for
 * another, and only the latest suggestion is written, and not into the key input while the
 * owner is in it (they went there to type one: 颜色, then `colour` typed while pinyin loaded,
 * became `yanSecolour`).
 */
export function useKeySuggestion(form: FormInstance, taken: string[]): (labels: LabelInputs) => void {
  const latest = useRef(0);
  return (labels) => {
    if (form.isFieldTouched('key')) return;
    const request = ++latest.current;
    const suggestion = keyForLabels(labels, taken);
    if (typeof suggestion === 'string') writeSuggestedKey(form, suggestion);
    // Without pinyin (the download failed) the key stays for the owner to type.
    else {
      // Written and drawn in this same task (flushSync): left to React's next render, the input
      // could get the key after the owner had gone into it and selected its text, and what they
      // typed would follow it (yanSecolour again, seen under load after da8427b).
      suggestion.then((key) => {
        if (request === latest.current && !form.isFieldTouched('key') && !keyInputFocused(form)) flushSync(() => writeSuggestedKey(form, key));
      }, () => undefined);
    }
  };
}

/** Whether the owner is in the dialog's key input (antd's field instance of an Input holds the element). */
function keyInputFocused(form: FormInstance): boolean {
  const input = (form.getFieldInstance('key') as { input?: HTMLElement | null } | undefined)?.input;
  return !!input && input === document.activeElement;
}

/**
 * Writes a suggested key, leaving the input untouched: `setFieldValue` would mark it touched,
 * as if the owner had typed it, and the next keystroke in a label would no longer move it.
 */
export function writeSuggestedKey(form: FormInstance, key: string): void {
  form.setFields([{ name: 'key', value: key, touched: false }]);
}
