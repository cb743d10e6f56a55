import { describe, expect, it } from 'vitest';
import { sortableAccessibility, type DragPlace, type DragWords } from './sortable-announcements.ts';

const at = ({ item, position, count }: DragPlace) => `${item} ${position}/${count}`;
const words: DragWords = {
  instructions: '按空格键拿起',
  pickedUp: (place) => `已拿起 ${at(place)}`,
  movedTo: (place) => `已移到 ${at(place)}`,
  dropped: (place) => `已放下 ${at(place)}`,
  cancelled: (place) => `已取消 ${at(place)}`,
};
const ids = ['3f2a9c1e-0000-4000-8000-000000000001', '3f2a9c1e-0000-4000-8000-000000000002', '3f2a9c1e-0000-4000-8000-000000000003'];
const labels = ['早上先看', '本周跟进', '高分待签'];
const drag = (id: string) => ({ id, data: { current: undefined }, rect: { current: { initial: null, translated: null } } });
const over = (id: string) => ({ id, data: { current: undefined }, rect: { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }, disabled: false });

describe('what a screen reader hears while a list is reordered', () => {
  it('names the item by its label and its place, in the caller’s words, never by its id', () => {
    const { announcements, screenReaderInstructions } = sortableAccessibility(ids, (i) => labels[i]!, words);
    expect(screenReaderInstructions.draggable).toBe('按空格键拿起');
    const active = drag(ids[2]!);
    expect(announcements.onDragStart({ active })).toBe('已拿起 高分待签 3/3');
    // Over its own place right after being picked up: nothing new to say.
    expect(announcements.onDragOver({ active, over: over(ids[2]!) })).toBeUndefined();
    expect(announcements.onDragOver({ active, over: over(ids[1]!) })).toBe('已移到 高分待签 2/3');
    expect(announcements.onDragOver({ active, over: over(ids[2]!) })).toBe('已移到 高分待签 3/3');
    expect(announcements.onDragEnd({ active, over: over(ids[0]!) })).toBe('已放下 高分待签 1/3');
    expect(announcements.onDragStart({ active: drag(ids[0]!) })).toBe('已拿起 早上先看 1/3');
    expect(announcements.onDragCancel({ active: drag(ids[0]!), over: over(ids[1]!) })).toBe('已取消 早上先看 1/3');
  });
});
