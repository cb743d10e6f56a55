import { describe, expect, it } from 'vitest';
import { forwardMatrix, matrixToRules, rulesToMatrix, toggleCell } from './transition-matrix.ts';

const stages = ['new', 'contacted', 'won', 'lost'];

describe('transition matrix', () => {
  it('reads rules as rows with the union of their roles', () => {
    const rows = rulesToMatrix([
      { from: ['new', 'contacted'], to: ['won'], roles: ['manager'] },
      { from: ['contacted'], to: ['new'], roles: ['bd'] },
      { from: ['new'], to: ['contacted'] },
    ], stages);
    expect(rows).toEqual([
      { from: 'new', to: ['contacted', 'won'] },
      { from: 'contacted', to: ['new', 'won'], roles: ['manager', 'bd'] },
      { from: 'won', to: [] },
      { from: 'lost', to: [] },
    ]);
  });

  it('writes one rule per row and round-trips', () => {
    const rows = toggleCell(forwardMatrix(stages), 'won', 'new', true);
    const rules = matrixToRules(rows);
    expect(rules).toEqual([
      { from: ['new'], to: ['contacted', 'won', 'lost'] },
      { from: ['contacted'], to: ['won', 'lost'] },
      { from: ['won'], to: ['lost', 'new'] },
    ]);
    expect(rulesToMatrix(rules, stages)).toEqual(rows.map((r) => ({ ...r, to: stages.filter((s) => r.to.includes(s)) })));
  });
});
