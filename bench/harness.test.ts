import { describe, expect, it } from 'vitest';
import { cities, fullShape, stages } from './config.ts';
import { benchDocument, wideDocument } from './data/document.ts';
import { generateLead, generateUsers, generateVisit } from './data/generate.ts';
import { sameShape } from './data/load.ts';
import { evaluate, parseArgs, renderMarkdown, type Row } from './lib/results.ts';

describe('targets', () => {
  const http = (rps: number, p99: number) => ({ rps, p50: p99 / 2, p99, requests: rps * 10 });

  it('compares req/s with the baseline', () => {
    const row: Row = { key: 'get', operation: 'get', shoal: http(600, 10), baseline: http(1000, 5), target: { kind: 'rpsRatio', min: 0.6 } };
    expect(evaluate(row)).toMatchObject({ pass: true, ratio: 0.6 });
    expect(evaluate({ ...row, shoal: http(599, 10) }).pass).toBe(false);
  });

  it('compares p99 with the baseline for lists', () => {
    const row: Row = { key: 'list', operation: 'list', shoal: http(100, 30), baseline: http(300, 10), target: { kind: 'p99Ratio', max: 2 } };
    const evaluated = evaluate(row);
    expect(evaluated.pass).toBe(false);
    expect(evaluated.ratio).toBeCloseTo(3);
    expect(evaluate({ ...row, shoal: http(100, 20) }).pass).toBe(true);
  });

  it('checks single figures against a maximum or minimum, and reports rows without a target as information', () => {
    expect(evaluate({ key: 's', operation: 'sweep', value: 9.9, unit: 's', target: { kind: 'max', max: 10 } }).pass).toBe(true);
    expect(evaluate({ key: 's', operation: 'sweep', value: 10.1, unit: 's', target: { kind: 'max', max: 10 } }).pass).toBe(false);
    expect(evaluate({ key: 'c', operation: 'claims', value: 499, target: { kind: 'min', min: 500 } }).pass).toBe(false);
    expect(evaluate({ key: 'f', operation: 'first request', value: 12, target: { kind: 'none' } }).pass).toBeNull();
  });

  it('fails a row with correctness problems, an error, or too many failed requests, whatever its speed', () => {
    expect(evaluate({ key: 'c', operation: 'claims', value: 900, target: { kind: 'min', min: 500 }, problems: ['2 double owners'] }).pass).toBe(false);
    expect(evaluate({ key: 'x', operation: 'x', target: { kind: 'max', max: 1 }, error: 'did not start' }).pass).toBe(false);
    const failing = evaluate({ key: 'g', operation: 'get', shoal: { ...http(1000, 5), non2xx: 500 }, baseline: http(1000, 5), target: { kind: 'rpsRatio', min: 0.6 } });
    expect(failing.pass).toBe(false);
    expect(failing.problems).toEqual(['Shoal: 500 failed requests']);
    expect(evaluate({ key: 'g', operation: 'get', shoal: { ...http(1000, 5), non2xx: 5 }, baseline: http(1000, 5), target: { kind: 'rpsRatio', min: 0.6 } }).pass).toBe(true);
  });
});

describe('the results table', () => {
  it('renders one line per row with figures, ratio, target and result, then the notes', () => {
    const rows = [
      evaluate({ key: 'get', operation: 'get by id', shoal: { rps: 1234.5, p50: 3, p99: 12 }, baseline: { rps: 4000, p50: 1, p99: 4 }, target: { kind: 'rpsRatio', min: 0.6 } }),
      evaluate({ key: 'sweep', operation: 'pool sweep', value: 4.25, unit: 's', target: { kind: 'max', max: 10 }, note: 'released 95,000' }),
    ];
    const md = renderMarkdown(rows, { title: 'Results', lines: ['a run'] });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Results');
    expect(lines.find((l) => l.startsWith('| get by id'))).toBe('| get by id | 1,235 | 3.0 | 12.0 | 4,000 | 1.0 | 4.0 | 0.31× |  | ≥ 0.6× baseline req/s | FAIL |');
    expect(lines.find((l) => l.startsWith('| pool sweep'))).toBe('| pool sweep |  |  |  |  |  |  |  | 4.25 s | ≤ 10 s | pass |');
    expect(md).toContain('- **pool sweep**: released 95,000');
  });
});

describe('arguments', () => {
  it('reads --only, --processes, --reload and refuses unknown ones', () => {
    expect(parseArgs(['--only', 'list,get'])).toMatchObject({ only: new Set(['list', 'get']), processes: 1, reload: false });
    expect(parseArgs(['--only=list', '--processes', '2', '--reload'])).toMatchObject({ only: new Set(['list']), processes: 2, reload: true });
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument/);
    expect(() => parseArgs(['--processes', 'x'])).toThrow(/1\.\.8/);
  });
});

describe('the generator', () => {
  const users = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

  it('gives the same lead for the same seed, tenant and index, in any order', () => {
    const forward = Array.from({ length: 200 }, (_, i) => generateLead(42, 3, i, users));
    const backward = Array.from({ length: 200 }, (_, i) => generateLead(42, 3, 199 - i, users)).reverse();
    expect(backward).toEqual(forward);
    expect(generateLead(43, 3, 5, users)).not.toEqual(generateLead(42, 3, 5, users));
    expect(generateLead(42, 4, 5, users)).not.toEqual(generateLead(42, 3, 5, users));
  });

  it('produces valid values with the distribution the list and assignment benchmarks rely on', () => {
    const leads = Array.from({ length: 2000 }, (_, i) => generateLead(7, 0, i, users));
    for (const lead of leads) {
      expect(cities).toContain(lead.city);
      expect(stages).toContain(lead.stage);
      expect(lead.score).toBeGreaterThanOrEqual(0);
      expect(lead.score).toBeLessThanOrEqual(100);
      if (lead.referrer) expect(users).toContain(lead.referrer);
    }
    // Segments are exact tenths: each assignment rule sees 10% of the leads.
    expect(leads.filter((l) => l.segment === 'a')).toHaveLength(200);
    const share = leads.filter((l) => l.stage === 'new' && l.city === 'shanghai' && l.score >= 80).length / leads.length;
    expect(share).toBeGreaterThan(0.001);
    expect(share).toBeLessThan(0.02);
    expect(generateVisit(7, 3, ['x', 'y'])).toEqual(generateVisit(7, 3, ['x', 'y']));
    expect(generateUsers('big', 4).map((u) => u.attributes.team)).toEqual(['east', 'west', 'east', 'west']);
  });

  it('compares data shapes by value, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(fullShape).reverse()) as typeof fullShape;
    expect(sameShape(reordered, fullShape)).toBe(true);
    expect(sameShape({ ...fullShape, visits: 1 }, fullShape)).toBe(false);
  });
});

describe('the documents', () => {
  it('marks the filtered fields indexed, and builds a 50 × 40 document for the publish benchmark', () => {
    const lead = (benchDocument() as { objects: { lead: { fields: Record<string, { indexed?: boolean }> } } }).objects.lead.fields;
    expect(lead.city!.indexed).toBe(true);
    expect(lead.score!.indexed).toBe(true);
    expect(Object.keys(lead)).toHaveLength(12);
    const wide = wideDocument(50, 40) as { objects: Record<string, { fields: Record<string, unknown> }> };
    expect(Object.keys(wide.objects)).toHaveLength(50);
    for (const object of Object.values(wide.objects)) expect(Object.keys(object.fields)).toHaveLength(40);
  });
});
