import { ancestors } from '../document/json-pointer.ts';

/**
 * Scrolls to the form item that edits `pointer` (or its nearest ancestor that has one) and
 * focuses its first control. Retries briefly while a lazily loaded screen renders.
 */
export function focusPointer(pointer: string, attempts = 10): void {
  for (const candidate of ancestors(pointer)) {
    if (candidate === '') break;
    const element = document.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(candidate)}"]`);
    if (!element) continue;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.querySelector<HTMLElement>('input, textarea, button, [tabindex="0"], .ant-select-selector')?.focus({ preventScroll: true });
    element.classList.add('studio-flash');
    setTimeout(() => element.classList.remove('studio-flash'), 1600);
    return;
  }
  if (attempts > 0) setTimeout(() => focusPointer(pointer, attempts - 1), 150);
}
