import { describe, expect, it } from 'vitest';
import type { PipelineDefinition, StageDefinition, TransitionRule } from '../../../platform/metadata/metadata-types.ts';
import { allowsMove } from '../../../platform/pipelines/stage-moves.ts';
import { forwardRules, setMove, whoMayMove } from './transition-matrix.ts';

const stages: StageDefinition[] = [
  { key: 'new', kind: 'open' }, { key: 'contacted', kind: 'open' }, { key: 'confirmed', kind: 'open' },
  { key: 'signed', kind: 'won' }, { key: 'lost', kind: 'lost' },
];
const keys = stages.map((s) => s.key);
const roles = ['bd', 'manager', 'auditor'];

/** Every move each single role may make under `rules`, as the server decides it. */
function moves(rules: TransitionRule[]): string[] {
  const pipeline: PipelineDefinition = { object: 'lead', field: 'stage', stages, transitions: rules };
  return keys.flatMap((from) => keys.flatMap((to) => roles.filter((role) => allowsMove(pipeline, from, to, [role])).map((role) => `${role}: ${from}→${to}`)));
}

describe('transition matrix', () => {
  const rules: TransitionRule[] = [
    { from: ['new'], to: ['contacted'], roles: ['bd'] },
    { from: ['new'], to: ['confirmed'], roles: ['manager'] },
    { from: ['contacted', 'confirmed'], to: ['signed', 'lost'], roles: ['manager'] },
    { from: ['confirmed'], to: ['new'] },
  ];

  it('reads who may make each move from the rules covering that move alone', () => {
    expect(whoMayMove(rules, 'new', 'contacted')).toEqual(['bd']);
    expect(whoMayMove(rules, 'new', 'confirmed')).toEqual(['manager']);
    expect(whoMayMove(rules, 'confirmed', 'new')).toEqual([]);
    expect(whoMayMove(rules, 'contacted', 'new')).toBeUndefined();
    expect(whoMayMove([...rules, { from: ['new'], to: ['contacted'], roles: ['manager'] }], 'new', 'contacted')).toEqual(['bd', 'manager']);
  });

  it('writing back what each move reads changes no one’s moves', () => {
    let next = rules;
    for (const from of keys) for (const to of keys) next = setMove(next, from, to, whoMayMove(next, from, to));
    expect(next).toEqual(rules);
  });

  it('allowing one more move leaves every other rule, and every other move, as it was: a BD still cannot move new → confirmed', () => {
    const next = setMove(rules, 'contacted', 'confirmed', ['bd']);
    expect(next).toEqual([...rules, { from: ['contacted'], to: ['confirmed'], roles: ['bd'] }]);
    expect(moves(next)).toEqual(expect.arrayContaining(moves(rules)));
    expect(moves(next).filter((m) => !moves(rules).includes(m))).toEqual(['bd: contacted→confirmed']);
    expect(moves(next)).not.toContain('bd: new→confirmed');
  });

  it('taking away or changing one move of a shared rule splits it, so its other moves keep their roles', () => {
    const removed = setMove(rules, 'confirmed', 'lost', undefined);
    expect(moves(removed)).toEqual(moves(rules).filter((m) => m !== 'manager: confirmed→lost'));
    const changed = setMove(rules, 'contacted', 'signed', ['bd']);
    expect(moves(changed).filter((m) => !moves(rules).includes(m))).toEqual(['bd: contacted→signed']);
    expect(moves(rules).filter((m) => !moves(changed).includes(m))).toEqual(['manager: contacted→signed']);
  });

  it('a move given to the same roles as another from its stage joins that rule', () => {
    expect(setMove(rules, 'new', 'lost', ['bd'])[0]).toEqual({ from: ['new'], to: ['contacted', 'lost'], roles: ['bd'] });
    expect(setMove(rules, 'new', 'contacted', [])[0]).toEqual({ from: ['new'], to: ['contacted'] });
  });

  it('listing the forward moves allows what forward did: from open stages only', () => {
    expect(forwardRules(stages)).toEqual([
      { from: ['new'], to: ['contacted', 'confirmed', 'signed', 'lost'] },
      { from: ['contacted'], to: ['confirmed', 'signed', 'lost'] },
      { from: ['confirmed'], to: ['signed', 'lost'] },
    ]);
    const forward = { object: 'lead', field: 'stage', stages, transitions: 'forward' as const };
    const listed = { ...forward, transitions: forwardRules(stages) };
    for (const from of keys) for (const to of keys) expect(allowsMove(listed, from, to, ['bd'])).toBe(allowsMove(forward, from, to, ['bd']));
  });
});
