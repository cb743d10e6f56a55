import { describe, expect, it } from 'vitest';
import { parseAppPath, paths, safeNext } from './app-routes.ts';

describe('app routes', () => {
  it('parses what paths builds', () => {
    expect(parseAppPath(paths.picker())).toEqual({ name: 'picker' });
    expect(parseAppPath(paths.home('hotel'))).toEqual({ name: 'home', tenant: 'hotel' });
    expect(parseAppPath(paths.list('hotel', 'lead', 'mine'))).toEqual({ name: 'list', tenant: 'hotel', object: 'lead' });
    expect(parseAppPath(paths.record('hotel', 'lead', 'a1b2'))).toEqual({ name: 'record', tenant: 'hotel', object: 'lead', id: 'a1b2' });
    expect(parseAppPath(paths.create('hotel', 'visit'))).toEqual({ name: 'new', tenant: 'hotel', object: 'visit' });
    expect(parseAppPath(paths.publicPool('hotel', 'leadPool'))).toEqual({ name: 'publicPool', tenant: 'hotel', pool: 'leadPool' });
    expect(parseAppPath(paths.myPool('hotel', 'leadPool'))).toEqual({ name: 'myPool', tenant: 'hotel', pool: 'leadPool' });
    expect(parseAppPath(paths.workOrders('hotel'))).toEqual({ name: 'workOrders', tenant: 'hotel' });
    expect(parseAppPath(paths.dashboards('food-delivery'))).toEqual({ name: 'dashboards', tenant: 'food-delivery' });
    expect(parseAppPath('/app/hotel/login')).toEqual({ name: 'login', tenant: 'hotel' });
  });

  it('carries a list\'s filter in its address, for a dashboard\'s figure to open the records it counts', () => {
    const where = { owner: 'u-1', poolState: 'private' };
    const address = paths.list('hotel', 'lead', undefined, where);
    expect(parseAppPath(address)).toEqual({ name: 'list', tenant: 'hotel', object: 'lead' });
    expect(new URL(address, 'http://x').searchParams.get('where')).toBe(JSON.stringify(where));
    expect(paths.list('hotel', 'lead', 'my:ab')).toBe('/app/hotel/o/lead?view=my%3Aab');
  });

  it('rejects bad slugs and unknown sections', () => {
    expect(parseAppPath('/app/Bad_Slug/')).toEqual({ name: 'notFound' });
    expect(parseAppPath('/app/hotel/nope')).toEqual({ name: 'notFound', tenant: 'hotel' });
    expect(parseAppPath('/app/hotel/o/lead/x/y')).toEqual({ name: 'notFound', tenant: 'hotel' });
    expect(parseAppPath('/studio')).toEqual({ name: 'notFound' });
  });

  it('only follows ?next= inside the same tenant', () => {
    expect(safeNext('/app/hotel/o/lead', 'hotel')).toBe('/app/hotel/o/lead');
    expect(safeNext('https://evil.example/', 'hotel')).toBe('/app/hotel/');
    expect(safeNext('/app/other/o/lead', 'hotel')).toBe('/app/hotel/');
    expect(safeNext(null, 'hotel')).toBe('/app/hotel/');
  });
});
