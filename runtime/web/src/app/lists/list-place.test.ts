import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxReturnRows, placeOf, rememberPlace } from './list-place.ts';

describe('where a list was left, kept for going back to it', () => {
  // The tab's sessionStorage, which Node lacks (test files share a worker: removed after).
  const stored = new Map<string, string>();
  beforeAll(() => {
    (globalThis as { sessionStorage?: unknown }).sessionStorage = {
      getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => { stored.set(key, value); },
    };
  });
  afterAll(() => { delete (globalThis as { sessionStorage?: unknown }).sessionStorage; });

  it('is kept by the list’s whole address: another filter of the same list is another place', () => {
    rememberPlace('/app/t/pools/p/public', { rows: 150, top: 5400 });
    rememberPlace('/app/t/pools/p/public?sort=-score', { rows: 50, top: 300 });
    expect(placeOf('/app/t/pools/p/public')).toEqual({ rows: 150, top: 5400 });
    expect(placeOf('/app/t/pools/p/public?sort=-score')).toEqual({ rows: 50, top: 300 });
    expect(placeOf('/app/t/pools/p/mine')).toBeUndefined();
    rememberPlace('/app/t/pools/p/public', { rows: 100, top: 20 });
    expect(placeOf('/app/t/pools/p/public')).toEqual({ rows: 100, top: 20 });
  });

  it('loads again at most a few hundred rows, and remembers only the latest lists left', () => {
    rememberPlace('/app/t/o/lead', { rows: 2000, top: 90_000 });
    expect(placeOf('/app/t/o/lead')).toEqual({ rows: maxReturnRows, top: 90_000 });
    for (let i = 0; i < 25; i++) rememberPlace(`/app/t/o/lead?q=${i}`, { rows: 50, top: i });
    expect(placeOf('/app/t/o/lead')).toBeUndefined();
    expect(placeOf('/app/t/o/lead?q=24')).toEqual({ rows: 50, top: 24 });
    expect((JSON.parse(stored.get('shoal.listPlaces')!) as unknown[]).length).toBe(20);
  });

  it('takes nothing from storage it cannot read', () => {
    stored.set('shoal.listPlaces', '{not json');
    expect(placeOf('/app/t/o/lead?q=24')).toBeUndefined();
    stored.set('shoal.listPlaces', JSON.stringify([['/app/t/o/lead', { rows: 'many', top: 1 }], 'x']));
    expect(placeOf('/app/t/o/lead')).toBeUndefined();
  });
});
