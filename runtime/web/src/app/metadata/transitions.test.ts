import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { allowedTargets, missingForStage, requirementsFromProblem } from './transitions.ts';

const funnel: PipelineDefinition = {
  object: 'lead', field: 'stage', transitions: 'forward',
  stages: [
    { key: 'new', kind: 'open' },
    { key: 'contacted', kind: 'open', requires: ['contactName', 'contactPhone'] },
    { key: 'negotiating', kind: 'open' },
    { key: 'signed', kind: 'won' },
    { key: 'lost', kind: 'lost', requiresNote: true },
  ],
};
const keys = (p: PipelineDefinition, from: string | null, roles: string[] = ['bd']) => allowedTargets(p, from, roles).map((s) => s.key);

describe('stage transitions', () => {
  it('moves forward from open stages, and to won/lost from any open stage', () => {
    expect(keys(funnel, 'contacted')).toEqual(['negotiating', 'signed', 'lost']);
    expect(keys(funnel, null)).toEqual(['new', 'contacted', 'negotiating', 'signed', 'lost']);
    expect(keys(funnel, 'signed')).toEqual([]);
  });

  it('honours any and explicit moves with roles', () => {
    expect(keys({ ...funnel, transitions: 'any' }, 'signed')).toEqual(['new', 'contacted', 'negotiating', 'lost']);
    const rules: PipelineDefinition = { ...funnel, transitions: [{ from: ['lost'], to: ['new'], roles: ['manager'] }] };
    expect(keys(rules, 'lost', ['bd'])).toEqual([]);
    expect(keys(rules, 'lost', ['manager'])).toEqual(['new']);
    expect(keys(rules, 'new', ['bd'])).toEqual(['signed', 'lost']);
  });

  it('lets listed moves decide who reaches a won or lost stage they name', () => {
    const managersSign: PipelineDefinition = { ...funnel, transitions: [
      { from: ['new'], to: ['contacted'] }, { from: ['contacted'], to: ['negotiating'] },
      { from: ['negotiating'], to: ['signed'], roles: ['manager'] },
    ] };
    // Lost is not named: reachable from every open stage, as always.
    expect(keys(managersSign, 'negotiating', ['bd'])).toEqual(['lost']);
    expect(keys(managersSign, 'negotiating', ['manager'])).toEqual(['signed', 'lost']);
    expect(keys(managersSign, 'negotiating', ['admin'])).toEqual(['signed', 'lost']);
    // Only from the stage the move names, even for a manager.
    expect(keys(managersSign, 'contacted', ['manager'])).toEqual(['negotiating', 'lost']);
    // A move to lost from a won stage (managers cancel a signed deal), or a move without roles, limits no open stage.
    const cancel: PipelineDefinition = { ...funnel, transitions: [{ from: ['signed'], to: ['lost'], roles: ['manager'] }, { from: ['new'], to: ['signed'] }] };
    expect(keys(cancel, 'contacted', ['bd'])).toEqual(['signed', 'lost']);
    expect(keys(cancel, 'signed', ['manager'])).toEqual(['lost']);
    expect(keys(cancel, 'signed', ['bd'])).toEqual([]);
  });

  it('lists what a stage still needs', () => {
    expect(missingForStage(funnel, funnel.stages[1]!, { contactName: 'Li', contactPhone: '' })).toEqual({ fields: ['contactPhone'], note: false });
    expect(missingForStage(funnel, funnel.stages[4]!, {})).toEqual({ fields: [], note: true });
    // Skipping 已联系 does not skip what it asks for; signing straight from 新线索 asks for it too.
    expect(missingForStage(funnel, funnel.stages[2]!, {})).toEqual({ fields: ['contactName', 'contactPhone'], note: false });
    expect(missingForStage(funnel, funnel.stages[3]!, { contactName: 'Li' })).toEqual({ fields: ['contactPhone'], note: false });
    // Listed moves need not be one path: a stage asks only for its own.
    const branches: PipelineDefinition = { ...funnel, transitions: [{ from: ['new'], to: ['contacted', 'negotiating'] }] };
    expect(missingForStage(branches, branches.stages[2]!, {})).toEqual({ fields: [], note: false });
  });

  it('reads the server problem', () => {
    expect(requirementsFromProblem([
      { path: '/values/contactPhone', field: 'contactPhone' }, { path: '/values/expectedRevenue' }, { path: '/note', field: 'note' },
    ])).toEqual({ fields: ['contactPhone', 'expectedRevenue'], note: true });
  });
});
