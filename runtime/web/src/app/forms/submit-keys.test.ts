import { describe, expect, it } from 'vitest';
import { sends } from './submit-keys.ts';

const press = (extra: Partial<{ key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean; keyCode: number }> = {}) => ({
  key: extra.key ?? 'Enter', shiftKey: !!extra.shiftKey, ctrlKey: !!extra.ctrlKey, metaKey: !!extra.metaKey, altKey: !!extra.altKey,
  nativeEvent: { isComposing: !!extra.isComposing, keyCode: extra.keyCode ?? 13 },
});

describe('sends', () => {
  it('sends a short reason with Enter or Ctrl+Enter; Shift+Enter is a new line', () => {
    expect(sends(press(), 'enter')).toBe(true);
    expect(sends(press({ ctrlKey: true }), 'enter')).toBe(true);
    expect(sends(press({ shiftKey: true }), 'enter')).toBe(false);
  });

  it('sends a longer text only with Ctrl+Enter or ⌘+Enter; Enter is a new line', () => {
    expect(sends(press(), 'ctrlEnter')).toBe(false);
    expect(sends(press({ ctrlKey: true }), 'ctrlEnter')).toBe(true);
    expect(sends(press({ metaKey: true }), 'ctrlEnter')).toBe(true);
  });

  it('never sends on the Enter that ends an input method\'s composition (拼音 → 汉字), nor on other keys', () => {
    expect(sends(press({ isComposing: true }), 'enter')).toBe(false);
    expect(sends(press({ keyCode: 229 }), 'enter')).toBe(false);
    expect(sends(press({ key: 'a' }), 'enter')).toBe(false);
    expect(sends(press({ altKey: true }), 'enter')).toBe(false);
  });
});
