/**
 * The events a webhook listens to as the picker changes them: `*` (every event) stands alone, so
 * picking it drops the others and picking another event drops it.
 */
export function chooseEvents(before: string[], after: string[]): string[] {
  const added = after.filter((event) => !before.includes(event));
  if (added.includes('*')) return ['*'];
  return added.length > 0 ? after.filter((event) => event !== '*') : after;
}
