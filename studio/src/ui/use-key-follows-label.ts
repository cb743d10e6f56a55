import { useEffect, useRef, useState } from 'react';
import type { Label } from '../../../platform/metadata/metadata-types.ts';
import type { Edit } from '../document/draft-state.ts';
import { followLabel, keyFollowsLabel, labelledItemLabel, ownerLabel, type LabelledItem } from '../document/key-follows-label.ts';
import { keyForLabels, labelInputs } from '../document/label-key.ts';
import { useApply, useSnapshot, useStudio } from '../state/studio-context.tsx';

/** The key a label makes, before it is made unique (see `keyForLabels`). */
const keyOfLabel = (label: Label | undefined) => keyForLabels(labelInputs(label), []);

/**
 * Changes the label of a stage or option and moves its key along while the key follows the label
 * (see `followLabel`). Call it with the edit that sets a label, the label before and the one
 * typed (which a name the studio gave may shorten: see `ownerLabel`).
 * A Chinese label's key arrives once pinyin has loaded; the follow edit then checks that the
 * label is still the one it was made for, so a late one never undoes a later keystroke. That
 * later keystroke's follow is judged from the label the key was last made from (the one before
 * the first keystroke still waiting for its key), not the label just before it: the key has not
 * moved since (已 then 已预约 typed over New while pinyin loaded left the key at new).
 */
export function useLabelWithKey(): (setLabel: (label: Label | undefined) => Edit, item: LabelledItem, before: Label | undefined, typed: Label | undefined) => void {
  const apply = useApply();
  const { store } = useStudio();
  const waiting = useRef(new Map<string, Label | undefined>());
  return (setLabel, item, before, typed) => {
    const after = ownerLabel(before, typed);
    apply(setLabel(after));
    const id = JSON.stringify(item);
    const from = waiting.current.has(id) ? waiting.current.get(id) : before;
    const keys = [keyOfLabel(from), keyOfLabel(after)] as const;
    if (typeof keys[0] === 'string' && typeof keys[1] === 'string') {
      waiting.current.delete(id);
      apply(followLabel(item, after, keys[0], keys[1]));
      return;
    }
    waiting.current.set(id, from);
    // Without pinyin (the download failed) the key stays for the owner to type.
    void Promise.all(keys).then(([keyBefore, keyAfter]) => {
      if (JSON.stringify(labelledItemLabel(store.getSnapshot().draft.document, item)) !== JSON.stringify(after)) return; // a later keystroke follows
      waiting.current.delete(id);
      apply(followLabel(item, after, keyBefore, keyAfter));
    }, () => waiting.current.delete(id));
  };
}

/** Whether the key of `item` follows its label now (shown beside the key so the owner knows it will move). */
export function useKeyFollowsLabel(item: LabelledItem): boolean {
  const { draft, live } = useSnapshot();
  const labelKey = keyOfLabel(labelledItemLabel(draft.document, item));
  const waiting = typeof labelKey !== 'string';
  const [, setPinyinLoaded] = useState(false);
  useEffect(() => {
    if (waiting) void Promise.resolve(labelKey).then(() => setPinyinLoaded(true), () => undefined);
    // Only whether pinyin was pending matters: once loaded, the key comes at once.
  }, [waiting]);
  return keyFollowsLabel(draft, { live: live?.document }, item, waiting ? '' : labelKey);
}
