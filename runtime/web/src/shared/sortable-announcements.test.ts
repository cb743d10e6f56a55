import { describe, expect, it } from 'vitest';
import { containerAccessibility, sortableAccessibility, type ContainerPlace, type DragPlace, type DragWords } from './sortable-announcements.ts';

/** Test words: each step's word, then the place as `at` writes it. */
function wordsWith<Place extends DragPlace>(at: (place: Place) => string): DragWords<Place> {
  return {
    instructions: '按空格键拿起',
    pickedUp: (place) => `已拿起 ${at(place)}`,
    movedTo: (place) => `已移到 ${at(place)}`,
    dropped: (place) => `已放下 ${at(place)}`,
    cancelled: (place) => `已取消 ${at(place)}`,
  };
}
const words = wordsWith(({ item, position, count }) => `${item} ${position}/${count}`);
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

describe('what a screen reader hears while items move between lists', () => {
  const listWords = wordsWith<ContainerPlace>(({ item, place, position, count }) => `${item} ${place} ${position}/${count}`);
  const containers = { available: ['city'], 'section-0': ['name', 'phone'] };
  // As the form editor's drop does: over a list, at its end; over an item, before it.
  const land = (overId: string) => (overId in containers
    ? { container: overId, index: containers[overId as keyof typeof containers].length }
    : Object.entries(containers).flatMap(([container, items]) => (items.includes(overId) ? [{ container, index: items.indexOf(overId) }] : []))[0]);
  const names: Record<string, string> = { city: '城市', name: '名称', phone: '电话' };
  const lists: Record<string, string> = { available: '未放入表单', 'section-0': '基本信息' };

  it('says the list each step lands in and the place the drop gives the item there', () => {
    const { announcements } = containerAccessibility(containers, land, (id) => names[id]!, (c) => lists[c]!, listWords);
    const active = drag('city');
    expect(announcements.onDragStart({ active })).toBe('已拿起 城市 未放入表单 1/1');
    expect(announcements.onDragOver({ active, over: over('phone') })).toBe('已移到 城市 基本信息 2/3');
    expect(announcements.onDragOver({ active, over: over('section-0') })).toBe('已移到 城市 基本信息 3/3');
    expect(announcements.onDragEnd({ active, over: over('name') })).toBe('已放下 城市 基本信息 1/3');
    // Within its own list, over the item after it, it takes that item's place.
    const name = drag('name');
    expect(announcements.onDragStart({ active: name })).toBe('已拿起 名称 基本信息 1/2');
    expect(announcements.onDragOver({ active: name, over: over('phone') })).toBe('已移到 名称 基本信息 2/2');
    expect(announcements.onDragCancel({ active: name, over: over('phone') })).toBe('已取消 名称 基本信息 1/2');
  });
});
