import type { FormInstance } from 'antd';
import { useRef } from 'react';
import { keyForLabels, type LabelInputs } from '../document/label-key.ts';

/**
 * Keeps an add dialog's `key` input on the key its labels suggest (see `keyForLabels`) until
 * the owner types a key. Call it with the labels as they are after each change. A Chinese
 * label's key arrives once pinyin has loaded; by then a later keystroke may have asked for
 * another, and only the latest suggestion is written.
 */
export function useKeySuggestion(form: FormInstance, taken: string[]): (labels: LabelInputs) => void {
  const latest = useRef(0);
  return (labels) => {
    if (form.isFieldTouched('key')) return;
    const request = ++latest.current;
    const suggestion = keyForLabels(labels, taken);
    if (typeof suggestion === 'string') writeSuggestedKey(form, suggestion);
    // Without pinyin (the download failed) the key stays for the owner to type.
    else suggestion.then((key) => { if (request === latest.current && !form.isFieldTouched('key')) writeSuggestedKey(form, key); }, () => undefined);
  };
}

/**
 * Writes a suggested key, leaving the input untouched: `setFieldValue` would mark it touched,
 * as if the owner had typed it, and the next keystroke in a label would no longer move it.
 */
export function writeSuggestedKey(form: FormInstance, key: string): void {
  form.setFields([{ name: 'key', value: key, touched: false }]);
}
