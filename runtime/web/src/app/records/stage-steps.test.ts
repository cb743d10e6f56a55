import { describe, expect, it } from 'vitest';
import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { nextStage, skippedStages, stageMoveWord, stageSteps, stagesInHistory, startingStage } from './stage-steps.ts';

// The hotel tenant's lead funnel: four open stages, Signed (won), Lost.
const stages: StageDefinition[] = [
  { key: 'new', kind: 'open' },
  { key: 'contacted', kind: 'open' },
  { key: 'confirmed', kind: 'open' },
  { key: 'negotiating', kind: 'open' },
  { key: 'signed', kind: 'won' },
  { key: 'lost', kind: 'lost' },
];

describe('stageSteps', () => {
  it('marks the stages before an open record done, its own in progress, the rest waiting', () => {
    expect(stageSteps(stages, 'confirmed')).toEqual(['finish', 'finish', 'process', 'wait', 'wait', 'wait']);
  });

  it('shows a signed record done through Signed, and Lost not reached', () => {
    expect(stageSteps(stages, 'signed')).toEqual(['finish', 'finish', 'finish', 'finish', 'finish', 'wait']);
  });

  it('does not show a lost record as signed: with no history known, only Lost is marked, as the end state', () => {
    expect(stageSteps(stages, 'lost')).toEqual(['wait', 'wait', 'wait', 'wait', 'wait', 'error']);
  });

  it('marks a lost record done up to the furthest stage its history shows, never past it', () => {
    expect(stageSteps(stages, 'lost', new Set(['new', 'contacted', 'lost']))).toEqual(['finish', 'finish', 'wait', 'wait', 'wait', 'error']);
    expect(stageSteps(stages, 'lost', new Set(['negotiating']))).toEqual(['finish', 'finish', 'finish', 'finish', 'wait', 'error']);
  });

  it('never marks a lost stage done unless the record is in it', () => {
    const lostFirst: StageDefinition[] = [{ key: 'new', kind: 'open' }, { key: 'dropped', kind: 'lost' }, { key: 'won', kind: 'open' }, { key: 'done', kind: 'won' }];
    expect(stageSteps(lostFirst, 'done')).toEqual(['finish', 'wait', 'finish', 'finish']);
  });

  it('does not mark the stages a move jumped over as done: 新线索 straight to 签约 leaves the three between waiting', () => {
    const skipped = skippedStages(stages, 'signed', new Set(['new', 'signed']), 'new');
    expect([...skipped]).toEqual(['contacted', 'confirmed', 'negotiating']);
    expect(stageSteps(stages, 'signed', new Set(['new', 'signed']), skipped)).toEqual(['finish', 'wait', 'wait', 'wait', 'finish', 'wait']);
    expect([...skippedStages(stages, 'negotiating', new Set(['new', 'contacted', 'negotiating']), 'new')]).toEqual(['confirmed']);
  });

  it('counts nothing as skipped before the stage a record started in, or while where it started is unknown', () => {
    // Brought in at Negotiating and signed there: what came before is not known to be skipped.
    expect(skippedStages(stages, 'signed', new Set(['negotiating', 'signed']), 'negotiating')).toEqual(new Set());
    expect(skippedStages(stages, 'signed', new Set(['new', 'signed']), undefined)).toEqual(new Set());
    expect(skippedStages(stages, 'signed', undefined, 'new')).toEqual(new Set());
    // A stage renamed since (联系过 → 已联系): the history keeps the old key and proves nothing.
    expect(skippedStages(stages, 'signed', new Set(['new', 'reached', 'signed']), 'new')).toEqual(new Set());
    // A lost record's stages are what it reached, not what it skipped.
    expect(skippedStages(stages, 'lost', new Set(['new', 'lost']), 'new')).toEqual(new Set());
  });

  it('marks nothing for a record without a stage', () => {
    expect(stageSteps(stages, null)).toEqual(['wait', 'wait', 'wait', 'wait', 'wait', 'wait']);
  });
});

describe('stagesInHistory', () => {
  it('collects the stages on both sides of every stage change, and ignores other fields', () => {
    const entries = [
      { changes: { stage: ['contacted', 'lost'], notes: [null, 'Closed for renovation'] } },
      { changes: { owner: [null, 'u1'] } },
      { changes: { stage: [null, 'new'], name: [null, 'Lead'] } },
      {},
    ];
    expect([...stagesInHistory(entries, 'stage')].sort()).toEqual(['contacted', 'lost', 'new']);
  });
});

describe('startingStage', () => {
  it('is the stage of the history\'s first entry when that is the create, newest first', () => {
    const entries = [{ action: 'transition', changes: { stage: ['new', 'signed'] } }, { action: 'create', changes: { stage: [null, 'new'], name: [null, 'Lead'] } }];
    expect(startingStage(entries, 'stage')).toBe('new');
    // Cut short (the create is not among the entries read): unknown.
    expect(startingStage(entries.slice(0, 1), 'stage')).toBeUndefined();
  });
});

describe('nextStage', () => {
  it('offers the next stage as the one next step, not a won shortcut beside it', () => {
    expect(nextStage(stages, 'new', ['contacted', 'signed', 'lost'])).toBe('contacted');
    expect(nextStage(stages, 'negotiating', ['signed', 'lost'])).toBe('signed');
    // A stage the record may not enter is skipped; losing is never the next step.
    expect(nextStage(stages, 'new', ['negotiating', 'lost'])).toBe('negotiating');
    expect(nextStage(stages, 'new', ['lost'])).toBeUndefined();
  });
});

describe('stageMoveWord', () => {
  it('advances to a later stage, goes back to an earlier one, and marks a lost one (not 推进到已流失)', () => {
    expect(stageMoveWord(stages, 'contacted', 'confirmed')).toBe('moveStage');
    expect(stageMoveWord(stages, 'new', 'signed')).toBe('moveStage');
    expect(stageMoveWord(stages, 'negotiating', 'contacted')).toBe('moveStageBack');
    expect(stageMoveWord(stages, 'negotiating', 'lost')).toBe('markStage');
    expect(stageMoveWord(stages, 'lost', 'new')).toBe('moveStageBack');
    expect(stageMoveWord(stages, undefined, 'new')).toBe('moveStage');
  });
});
