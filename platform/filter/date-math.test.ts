import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateExpressionProblem, resolveDateExpression, resolveDateOnlyExpression } from './date-math.ts';
import { resolveLeafValues } from './resolve-operand.ts';
import type { LeafNode } from './filter-ast.ts';

const anchors = ['now', 'today', 'yesterday', 'tomorrow', 'startOfWeek', 'startOfMonth', 'startOfYear'] as const;
const bounds = { s: 999_999, m: 999_999, h: 999_999, d: 690_000, w: 99_000, M: 22_800, y: 1_900 } as const;
const zones = ['UTC', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Santiago'];

describe('relative dates', () => {
  it('refuses shifts past the bound of their unit, naming it', () => {
    expect(dateExpressionProblem('now+9000y')).toMatch(/more than 1900 years/);
    expect(dateExpressionProblem('startOfYear+999999y')).toMatch(/more than 1900 years/);
    expect(dateExpressionProblem('now-999999M')).toMatch(/more than 22800 months/);
    expect(dateExpressionProblem('today+690001d')).toMatch(/more than 690000 days/);
    expect(dateExpressionProblem('now+99001w')).toMatch(/more than 99000 weeks/);
    for (const ok of ['now', 'today-7d', 'now+1900y', 'now-22800M', 'now+999999s', 'startOfMonth-1M']) expect(dateExpressionProblem(ok)).toBeUndefined();
  });

  it('stays within years 1–9999 for every accepted expression, any zone, any now from 1970 to 2200', () => {
    const accepted = fc.tuple(fc.constantFrom(...anchors), fc.constantFrom('+', '-'), fc.constantFrom(...(Object.keys(bounds) as Array<keyof typeof bounds>)), fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })))
      .map(([anchor, sign, unit, share]) => `${anchor}${sign}${Math.round(share * bounds[unit])}${unit}`);
    const now = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(fc.property(accepted, now, fc.constantFrom(...zones), (text, at, zone) => {
      expect(dateExpressionProblem(text)).toBeUndefined();
      const instant = resolveDateExpression(text, at, zone);
      expect(instant, `${text} at ${at.toISOString()} in ${zone}`).toBeDefined();
      expect(resolveDateOnlyExpression(text, at, zone)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }), { numRuns: 500 });
  });

  it('resolves to nothing, never throws, when a stored expression leaves the range', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    for (const text of ['now+999999y', 'now-999999y', 'now+999999M', 'startOfYear+999999y', 'today-999999w']) {
      expect(resolveDateExpression(text, now, 'Asia/Shanghai')).toBeUndefined();
      expect(resolveDateOnlyExpression(text, now, 'Asia/Shanghai')).toBeUndefined();
    }
    const field = { key: 'createdAt', kind: 'timestamp' } as LeafNode['field'];
    const leaf = { kind: 'leaf', pointer: '/createdAt/$gt', path: 'createdAt', field, op: '$gt', operand: { kind: 'date', expression: 'now+9000y' } } as LeafNode;
    // Undefined: the condition matches nothing, as for a variable the user does not have.
    expect(resolveLeafValues(leaf, { now, timeZone: 'UTC' })).toBeUndefined();
    expect(resolveLeafValues({ ...leaf, operand: { kind: 'date', expression: 'now+1d' } }, { now, timeZone: 'UTC' })).toEqual(['2026-05-02T00:00:00.000Z']);
  });
});
