import { describe, expect, it } from 'vitest';
import { pointerTarget, targetRoute } from './pointer-route.ts';

describe('JSON pointer → form item', () => {
  it.each([
    ['/objects/shop/fields/name/maxLength', { screen: 'objects', key: 'shop', element: 'name', prop: 'maxLength' }],
    ['/objects/shop/fields/city/options/2', { screen: 'objects', key: 'shop', element: 'city', prop: 'options/2' }],
    ['/objects/shop/titleField', { screen: 'objects', key: 'shop', prop: 'titleField' }],
    ['/objects/shop', { screen: 'objects', key: 'shop' }],
    ['/pipelines/funnel/stages/2/requires/0', { screen: 'pipelines', key: 'funnel', element: 'stages', index: 2, prop: 'requires/0' }],
    ['/pipelines/funnel/transitions/1/roles/0', { screen: 'pipelines', key: 'funnel', element: 'transitions', index: 1, prop: 'roles/0' }],
    ['/pipelines/funnel/stages', { screen: 'pipelines', key: 'funnel', element: 'stages' }],
    ['/pools/leadPool/visit/at', { screen: 'pools', key: 'leadPool', prop: 'visit/at' }],
    ['/layouts/lead/form/sections/1/fields/0', { screen: 'layouts', key: 'lead', element: 'form', index: 1, prop: 'fields/0' }],
    ['/layouts/lead/list/columns/3', { screen: 'layouts', key: 'lead', element: 'list', prop: 'columns/3' }],
    ['/layouts/lead/detail/components/2', { screen: 'layouts', key: 'lead', element: 'detail', prop: 'components/2' }],
    ['/views/mine/where/owner', { screen: 'views', key: 'mine', prop: 'where/owner' }],
    ['/roles/bd/1/where/owner', { screen: 'roles', key: 'bd', index: 1, prop: 'where/owner' }],
    ['/roles/zhuGuan/rules/1/where/owner', { screen: 'roles', key: 'zhuGuan', index: 1, prop: 'where/owner' }],
    ['/roles/zhuGuan/label', { screen: 'roles', key: 'zhuGuan', prop: 'label' }],
    ['/assignmentRules/jiangsu/records/include', { screen: 'rules', key: 'jiangsu', prop: 'records/include' }],
    ['/timeZone', { screen: 'settings', prop: 'timeZone' }],
    ['', { screen: 'settings' }],
    ['/migrations/0/to', { screen: 'publish', index: 0 }],
  ])('%s', (pointer, expected) => {
    expect(pointerTarget(pointer)).toEqual({ ...expected, pointer });
  });

  it('unescapes keys with ~ and /', () => {
    expect(pointerTarget('/views/a~1b/where/x~0y')).toEqual({ screen: 'views', key: 'a/b', prop: 'where/x~0y', pointer: '/views/a~1b/where/x~0y' });
  });

  it('routes to the screen with the pointer to focus', () => {
    expect(targetRoute(pointerTarget('/objects/shop/fields/name/maxLength'))).toBe('objects/shop?focus=%2Fobjects%2Fshop%2Ffields%2Fname%2FmaxLength');
    expect(targetRoute(pointerTarget('/name'))).toBe('settings?focus=%2Fname');
  });
});
