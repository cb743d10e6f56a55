import { describe, expect, it } from 'vitest';
import type { Label, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { DraftState, Edit, EditContext } from './draft-state.ts';
import { renameField } from './object-ops.ts';
import { renameOption, setFieldType, setOptions } from './field-type-ops.ts';
import { followLabel, keyFollowsLabel, ownerLabel, type LabelledItem } from './key-follows-label.ts';
import { keyForLabels, labelInputs } from './label-key.ts';
import { addPipeline, addStage, renameStage, updateStage } from './pipeline-ops.ts';

/** A published hotel funnel: lead stages new, won, lost; a source select; a visit with a lookup to the lead. */
function published(): MetadataDocument {
  return {
    name: 'Hotels',
    objects: {
      lead: {
        label: 'Lead',
        fields: {
          name: { type: 'text' },
          stage: { type: 'stage', pipeline: 'leadFunnel', default: 'new' },
          source: { type: 'select', options: [{ value: 'crawl', label: { en: 'Crawl' } }] },
        },
      },
      visit: { label: 'Visit', fields: { lead: { type: 'lookup', object: 'lead' } } },
    },
    pipelines: {
      leadFunnel: {
        object: 'lead', field: 'stage', transitions: 'forward',
        stages: [{ key: 'new', kind: 'open' }, { key: 'won', kind: 'won' }, { key: 'lost', kind: 'lost' }],
      },
    },
  };
}

const live = published();
const context: EditContext = { live };
const stage3: LabelledItem = { kind: 'stage', pipeline: 'leadFunnel', index: 1 };
const option2: LabelledItem = { kind: 'option', object: 'lead', field: 'source', index: 1 };

function run(state: DraftState, ...edits: Edit[]): DraftState {
  return edits.reduce((s, edit) => edit(s, context), state);
}

/** What the studio does when the owner types a label: sets it, then moves a following key. */
async function typeLabel(state: DraftState, item: LabelledItem, label: Label | undefined): Promise<DraftState> {
  const before = item.kind === 'stage' ? state.document.pipelines![item.pipeline]!.stages[item.index]!.label : undefined;
  const currentOptions = item.kind === 'option' ? state.document.objects[item.object]!.fields[item.field]!.options! : [];
  const optionBefore = currentOptions[item.index];
  const labelBefore = item.kind === 'stage' ? before : typeof optionBefore === 'object' ? optionBefore.label : undefined;
  const set = item.kind === 'stage'
    ? updateStage(item.pipeline, item.index, { label })
    : setOptions(item.object, item.field, currentOptions.map((o, i) => (i === item.index ? { value: typeof o === 'string' ? o : o.value, ...(label ? { label } : {}) } : o)));
  const [keyBefore, keyAfter] = await Promise.all([keyForLabels(labelInputs(labelBefore), []), keyForLabels(labelInputs(label), [])]);
  return run(state, set, followLabel(item, label, keyBefore, keyAfter));
}

/** The draft with a new open stage `stage3` (between new and won) and a new option `option2`, both named in filters elsewhere. */
function draftWithNewItems(): DraftState {
  const document = published();
  const state = run(
    { document, migrations: [] },
    addStage('leadFunnel', { key: 'stage3', kind: 'open' }),
    setOptions('lead', 'source', [{ value: 'crawl', label: { en: 'Crawl' } }, { value: 'option2' }]),
  );
  const d = structuredClone(state.document);
  d.pipelines!.leadFunnel!.transitions = [{ from: ['new'], to: ['stage3'] }, { from: ['stage3'], to: ['won', 'lost'] }];
  d.objects.lead!.fields.stage!.default = 'stage3';
  d.views = { fresh: { object: 'lead', where: { stage: { $in: ['new', 'stage3'] }, source: 'option2' } } };
  d.pools = { leadPool: { object: 'lead', exempt: { $or: [{ stage: 'stage3' }, { source: { $nin: ['option2'] } }] } } };
  d.assignmentRules = { fromVisits: { object: 'visit', records: { include: { 'lead.stage': 'stage3', 'lead.source': 'option2' } }, users: {}, match: 'even' } };
  return { ...state, document: d };
}

const stageKeys = (state: DraftState) => state.document.pipelines!.leadFunnel!.stages.map((s) => s.key);
const optionKeys = (state: DraftState) => state.document.objects.lead!.fields.source!.options!.map((o) => (typeof o === 'string' ? o : o.value));

describe('a new stage or option whose key follows its label', () => {
  it('takes the key its English label makes, and everything in the draft naming it follows', async () => {
    let state = await typeLabel(draftWithNewItems(), stage3, { en: 'Contacted' });
    state = await typeLabel(state, option2, { en: 'Walk-in' });
    expect(stageKeys(state)).toEqual(['new', 'contacted', 'won', 'lost']);
    expect(optionKeys(state)).toEqual(['crawl', 'walkIn']);
    const d = state.document;
    expect(d.pipelines!.leadFunnel!.transitions).toEqual([{ from: ['new'], to: ['contacted'] }, { from: ['contacted'], to: ['won', 'lost'] }]);
    expect(d.objects.lead!.fields.stage!.default).toBe('contacted');
    expect(d.views!.fresh!.where).toEqual({ stage: { $in: ['new', 'contacted'] }, source: 'walkIn' });
    expect(d.pools!.leadPool!.exempt).toEqual({ $or: [{ stage: 'contacted' }, { source: { $nin: ['walkIn'] } }] });
    expect(d.assignmentRules!.fromVisits!.records.include).toEqual({ 'lead.stage': 'contacted', 'lead.source': 'walkIn' });
    // Nothing was published under these keys: no data to migrate.
    expect(state.migrations).toEqual([]);
  });

  it('keeps following as the label changes, keystroke by keystroke, and takes the pinyin of a Chinese-only label', async () => {
    let state = draftWithNewItems();
    for (const text of ['C', 'Ca', 'Called', 'Called back']) state = await typeLabel(state, stage3, { en: text });
    expect(stageKeys(state)[1]).toBe('calledBack');
    for (const text of ['回', '回访']) state = await typeLabel(state, option2, { zh: text });
    expect(optionKeys(state)[1]).toBe('huiFang');
    expect(state.document.views!.fresh!.where).toEqual({ stage: { $in: ['new', 'calledBack'] }, source: 'huiFang' });
  });

  it('is unique among its siblings', async () => {
    const state = await typeLabel(draftWithNewItems(), stage3, { en: 'New', zh: '新线索' });
    expect(stageKeys(state)).toEqual(['new', 'new2', 'won', 'lost']);
    const renamed = await typeLabel(state, stage3, { en: 'New again' });
    expect(stageKeys(renamed)[1]).toBe('newAgain');
  });

  it('goes back to a placeholder when the label is cleared, and follows the next label', async () => {
    let state = await typeLabel(draftWithNewItems(), stage3, { en: 'Contacted' });
    state = await typeLabel(state, stage3, undefined);
    expect(stageKeys(state)[1]).toBe('stage');
    state = await typeLabel(state, stage3, { en: 'Visited' });
    expect(stageKeys(state)[1]).toBe('visited');
  });
});

describe('a key that does not follow its label', () => {
  it('is a published one: its label changes, its key stays', async () => {
    const item: LabelledItem = { kind: 'stage', pipeline: 'leadFunnel', index: 0 };
    const state = await typeLabel(draftWithNewItems(), item, { en: 'Fresh lead' });
    expect(stageKeys(state)[0]).toBe('new');
    const option: LabelledItem = { kind: 'option', object: 'lead', field: 'source', index: 0 };
    expect(optionKeys(await typeLabel(state, option, { en: 'Web crawl' }))[0]).toBe('crawl');
  });

  it('is one the owner typed', async () => {
    let state = run(draftWithNewItems(), renameStage('leadFunnel', 'stage3', 'qualified'));
    state = await typeLabel(state, stage3, { en: 'Contacted' });
    expect(stageKeys(state)[1]).toBe('qualified');
    // Typed after following for a while: the typed key stays too.
    let option = await typeLabel(state, option2, { en: 'Walk-in' });
    option = run(option, renameOption('lead', 'source', 1, 'doorstep'));
    option = await typeLabel(option, option2, { en: 'Walk-in guest' });
    expect(optionKeys(option)[1]).toBe('doorstep');
  });

  it('is the draft name of a published key (renamed with a migration)', () => {
    const state = run(draftWithNewItems(), renameStage('leadFunnel', 'new', 'fresh'));
    expect(state.migrations).toEqual([{ op: 'renameOption', object: 'lead', field: 'stage', from: 'new', to: 'fresh' }]);
    const item: LabelledItem = { kind: 'stage', pipeline: 'leadFunnel', index: 0 };
    expect(keyFollowsLabel(state, context, item, 'fresh')).toBe(false);
  });

  it('is left alone by a late key for a label the owner has typed over since', async () => {
    let state = await typeLabel(draftWithNewItems(), stage3, { en: 'Contacted' });
    state = run(state, updateStage('leadFunnel', 1, { label: { en: 'Visited' } }));
    const late = run(state, followLabel(stage3, { en: 'Contacted again' }, 'contacted', 'contactedAgain'));
    expect(late).toBe(state);
  });
});

describe('the first option of a field made a select by changing its type', () => {
  /** The owner types `text` into one language of the option's label, the other language as it was. */
  async function relabel(state: DraftState, item: LabelledItem & { kind: 'option' }, language: 'en' | 'zh', text: string): Promise<DraftState> {
    const option = state.document.objects[item.object]!.fields[item.field]!.options![item.index]!;
    const before = typeof option === 'string' ? undefined : option.label;
    return typeLabel(state, item, { ...(typeof before === 'object' ? before : {}), [language]: text });
  }
  const changed = () => run({ document: published(), migrations: [] }, setFieldType('lead', 'name', 'select'));
  const first: LabelledItem & { kind: 'option' } = { kind: 'option', object: 'lead', field: 'name', index: 0 };
  const firstOption = (state: DraftState) => state.document.objects.lead!.fields.name!.options![0];

  it('takes the key of the label the owner gives it in Chinese, and keeps no placeholder label', async () => {
    const state = await relabel(changed(), first, 'zh', '线上');
    expect(firstOption(state)).toEqual({ value: 'xianShang', label: { zh: '线上' } });
  });

  it('takes the key of the label the owner gives it in English, and keeps no placeholder label', async () => {
    const state = await relabel(changed(), first, 'en', 'Walk-in');
    expect(firstOption(state)).toEqual({ value: 'walkIn', label: { en: 'Walk-in' } });
  });
});

describe('a stage of a new pipeline, named by the studio in both languages', () => {
  /** The owner retypes one language of stage `index`'s label, as the label input passes it on. */
  async function retype(state: DraftState, index: number, language: 'en' | 'zh', text: string): Promise<DraftState> {
    const item: LabelledItem = { kind: 'stage', pipeline: 'visitFunnel', index };
    const before = state.document.pipelines!.visitFunnel!.stages[index]!.label;
    return typeLabel(state, item, ownerLabel(before, { ...(typeof before === 'object' ? before : {}), [language]: text }));
  }
  const fresh = () => run({ document: published(), migrations: [] }, addPipeline('visitFunnel', 'visit'));
  const stages = (state: DraftState) => state.document.pipelines!.visitFunnel!.stages.map((s) => ({ key: s.key, label: s.label }));

  it('takes the Chinese name the owner types as its whole label, and its key follows it', async () => {
    let state = await retype(fresh(), 0, 'zh', '已预约');
    state = await retype(state, 1, 'zh', '已到诊');
    expect(stages(state).slice(0, 2)).toEqual([{ key: 'yiYuYue', label: { zh: '已预约' } }, { key: 'yiDaoZhen', label: { zh: '已到诊' } }]);
    expect(state.document.objects.visit!.fields.stage!.default).toBe('yiYuYue');
  });

  it('takes the English name the owner types as its whole label, and its key follows it', async () => {
    const state = await retype(fresh(), 1, 'en', 'In transit');
    expect(stages(state)[1]).toEqual({ key: 'inTransit', label: { en: 'In transit' } });
  });

  it('keeps a label the owner wrote in both languages as typed', async () => {
    let state = await retype(fresh(), 0, 'en', 'Booked');
    state = await retype(state, 0, 'zh', '已预约');
    expect(stages(state)[0]).toEqual({ key: 'booked', label: { en: 'Booked', zh: '已预约' } });
  });
});

describe('an option of a published select whose key the draft renames', () => {
  const renamed = () => run({ document: published(), migrations: [] }, renameField('lead', 'source', 'origin'));
  const crawl: LabelledItem = { kind: 'option', object: 'lead', field: 'origin', index: 0 };

  it('is still published: relabelling it keeps its value', async () => {
    const state = await typeLabel(renamed(), crawl, { en: 'Web crawl' });
    expect(state.document.objects.lead!.fields.origin!.options).toEqual([{ value: 'crawl', label: { en: 'Web crawl' } }]);
    expect(keyFollowsLabel(state, context, crawl, 'webCrawl')).toBe(false);
  });

  it('renamed, moves its records after the field’s values have moved', () => {
    const state = run(renamed(), renameOption('lead', 'origin', 0, 'web'));
    expect(state.migrations).toEqual([
      { op: 'renameField', object: 'lead', from: 'source', to: 'origin' },
      { op: 'renameOption', object: 'lead', field: 'origin', from: 'crawl', to: 'web' },
    ]);
  });

  it('renamed before its field was, or with the field renamed back, still moves its records', () => {
    const first = run({ document: published(), migrations: [] }, renameOption('lead', 'source', 0, 'web'), renameField('lead', 'source', 'origin'));
    expect(first.migrations).toEqual([
      { op: 'renameField', object: 'lead', from: 'source', to: 'origin' },
      { op: 'renameOption', object: 'lead', field: 'origin', from: 'crawl', to: 'web' },
    ]);
    const back = run(first, renameField('lead', 'origin', 'source'));
    expect(back.migrations).toEqual([{ op: 'renameOption', object: 'lead', field: 'source', from: 'crawl', to: 'web' }]);
  });
});
