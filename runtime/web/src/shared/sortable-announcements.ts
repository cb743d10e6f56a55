import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';

/** Where an item stands in the list it is moved within: 1-based, of `count`. */
export interface DragPlace {
  item: string;
  position: number;
  count: number;
}

/**
 * What a screen reader hears while a list is reordered, in the caller's language and naming each
 * item by its label (dnd-kit's own words are English and name the item by its id).
 */
export interface DragWords {
  /** How to move an item by keyboard, read with each handle. */
  instructions: string;
  pickedUp: (place: DragPlace) => string;
  movedTo: (place: DragPlace) => string;
  dropped: (place: DragPlace) => string;
  /** `position` is where the item stays. */
  cancelled: (place: DragPlace) => string;
}

/** What the announcements remember during one drag; the list keeps it across its renders. */
export interface DragMemory {
  lastOver?: UniqueIdentifier;
}

export interface SortableAccessibility {
  announcements: Announcements;
  screenReaderInstructions: ScreenReaderInstructions;
}

/**
 * dnd-kit's `accessibility` for a list of `ids` whose items are named by `labelOf(index)`. An item
 * over its own place right after being picked up is not announced again as "moved".
 *
 * @example
 * sortableAccessibility(['a', 'b'], (i) => ['早上先看', '本周跟进'][i]!, words).announcements.onDragStart({ active: { id: 'b' } })
 * // words.pickedUp({ item: '本周跟进', position: 2, count: 2 })
 */
export function sortableAccessibility(ids: string[], labelOf: (index: number) => string, words: DragWords, memory: DragMemory = {}): SortableAccessibility {
  const place = (id: UniqueIdentifier, at: UniqueIdentifier = id): DragPlace => {
    const index = ids.indexOf(String(id));
    return { item: index >= 0 ? labelOf(index) : '', position: ids.indexOf(String(at)) + 1, count: ids.length };
  };
  return {
    screenReaderInstructions: { draggable: words.instructions },
    announcements: {
      onDragStart: ({ active }) => { memory.lastOver = active.id; return words.pickedUp(place(active.id)); },
      onDragOver: ({ active, over }) => {
        if (!over || over.id === memory.lastOver) return undefined;
        memory.lastOver = over.id;
        return words.movedTo(place(active.id, over.id));
      },
      onDragEnd: ({ active, over }) => { memory.lastOver = undefined; return words.dropped(place(active.id, over?.id ?? active.id)); },
      onDragCancel: ({ active }) => { memory.lastOver = undefined; return words.cancelled(place(active.id)); },
    },
  };
}
