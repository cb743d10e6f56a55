import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectInfo } from '../metadata/object-info.ts';
import { lookupTarget } from './field-cell.tsx';

const field = (key: string, target?: string): FieldInfo => ({
  key, label: key, type: target ? 'lookup' : 'text', kind: target ? 'reference' : 'text', system: false, required: false, readOnly: false,
  readable: true, creatable: true, updatable: true, ...(target ? { target } : {}),
});
const objects = new Map([['lead', {} as ObjectInfo]]);

describe('lookup cells', () => {
  it('lead to the record they name, when the caller may read its object', () => {
    expect(lookupTarget(field('lead', 'lead'), { id: 'l1', name: 'Noodle Bar' }, { objects })).toEqual({ object: 'lead', id: 'l1' });
    expect(lookupTarget(field('lead', 'lead'), { id: 'l1', $title: 'Noodle Bar' }, { objects })).toEqual({ object: 'lead', id: 'l1' });
    // Not expanded (an id only), an object the caller cannot read, a person, or no lookup at all.
    expect(lookupTarget(field('lead', 'lead'), 'l1', { objects })).toBeUndefined();
    expect(lookupTarget(field('contract', 'contract'), { id: 'c1' }, { objects })).toBeUndefined();
    expect(lookupTarget(field('owner', 'user'), { id: 'u1' }, { objects: new Map([['user', {} as ObjectInfo]]) })).toBeUndefined();
    expect(lookupTarget(field('name'), { id: 'x' }, { objects })).toBeUndefined();
  });
});
