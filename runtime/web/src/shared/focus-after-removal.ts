/**
 * An action that takes its own row off a list (a claim from the public pool, a release from
 * one's own, a work order done) leaves the focus on nothing: the page's body, from where a
 * keyboard user starts again at the top. `keepFocusInList(trigger)`, called with the control
 * the action started from, returns what to call once the action is done: if that control has
 * gone and the focus with it, the focus goes to the same control of the next row (or the one
 * before), else to the main area. Where the control is still there, nothing moves.
 */
export function keepFocusInList(trigger: Element | null): () => void {
  const origin = trigger instanceof HTMLElement ? trigger : null;
  // The row: a list's item or a table's row before a card inside one (a card alone is the row of a card list).
  const row = origin ? origin.closest('.ant-list-item, tr') ?? origin.closest('li, .ant-card') : null;
  // The same control by what it shows (领取), not by its accessible name, which may name its row's record (领取「…」).
  const name = (el: Element) => el.textContent?.trim() || (el.getAttribute('aria-label') ?? '');
  const label = origin ? name(origin) : '';
  const neighbours = [row?.nextElementSibling, row?.previousElementSibling];
  const settle = () => {
    if (!origin || origin.isConnected) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    // The row stayed (a record page's pool box, its Claim now a Release): a control inside it.
    for (const near of [row, ...neighbours]) {
      if (!near?.isConnected) continue;
      const controls = [...near.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]')];
      const same = controls.find((c) => name(c) === label) ?? controls[0];
      if (same) {
        same.focus();
        return;
      }
    }
    document.getElementById('main')?.focus();
  };
  // Once the list has re-drawn, and again after a dialog's closing animation (which tries to give
  // the focus back to the control that opened it, gone by then).
  return () => {
    window.setTimeout(settle, 60);
    window.setTimeout(settle, 450);
  };
}
