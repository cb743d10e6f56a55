import { describe, expect, it } from 'vitest';
import { fillTemplate } from './fill-template.ts';

describe('UI string parameters', () => {
  it('fills names and picks the singular for exactly one', () => {
    expect(fillTemplate('{n} {n:item|items}', { n: 1 })).toBe('1 item');
    expect(fillTemplate('{n} {n:item|items}', { n: 0 })).toBe('0 items');
    expect(fillTemplate('{n} {n:item|items}', { n: '12' })).toBe('12 items');
    expect(fillTemplate('The draft has {n} {n:problem|problems}', { n: 1 })).toBe('The draft has 1 problem');
    expect(fillTemplate('共 {n} 项', { n: 1 })).toBe('共 1 项');
  });

  it('leaves a parameter it was not given as it is', () => {
    expect(fillTemplate('{n} {m:a|b} {x}', { n: 2 })).toBe('2 {m:a|b} {x}');
  });
});
