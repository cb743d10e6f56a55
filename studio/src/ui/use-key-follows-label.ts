import { useEffect, useState } from 'react';
import type { Label } from '../../../platform/metadata/metadata-types.ts';
import type { Edit } from '../document/draft-state.ts';
import { followLabel, keyFollowsLabel, labelledItemLabel, ownerLabel, type LabelledItem } from '../document/key-follows-label.ts';
import { keyForLabels, labelInputs } from '../document/label-key.ts';
import { useApply, useSnapshot } from '../state/studio-context.tsx';

/** The key a label makes, before it is made unique (see `keyForLabels`). */
const keyOfLabel = (label: Label | undefined) => keyForLabels(labelInputs(label), []);

/**
 * Changes the label of a stage or option and moves its key along while the key follows the label
 * (see `followLabel`). Call it with the edit that sets a label, the label before and the one
 * typed (which a name the studio gave may shorten: see `ownerLabel`).
 * A Chinese label's key arrives once pinyin has loaded; the follow edit then checks that the
 * label is still the one it was made for, so a late one never undoes a later keystroke.
 */
export function useLabelWithKey(): (setLabel: (label: Label | undefined) => Edit, item: LabelledItem, before: Label | undefined, typed: Label | undefined) => void {
  const apply = useApply();
  return (setLabel, item, before, typed) => {
    const after = ownerLabel(before, typed);
    apply(setLabel(after));
    const keys = [keyOfLabel(before), keyOfLabel(after)] as const;
    if (typeof keys[0] === 'string' && typeof keys[1] === 'string') apply(followLabel(item, after, keys[0], keys[1]));
    // Without pinyin (the download failed) the key stays for the owner to type.
    else void Promise.all(keys).then(([keyBefore, keyAfter]) => apply(followLabel(item, after, keyBefore, keyAfter)), () => undefined);
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
