import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { keepWon, wonReleased } from './won-release.ts';

function cleaning(pool: Partial<NonNullable<MetadataDocument['pools']>[string]> = {}): MetadataDocument {
  return {
    name: '家政服务',
    objects: { keHuXianSuo: { label: { zh: '客户线索' }, fields: { name: { type: 'text' }, jieDuan: { type: 'stage', pipeline: 'funnel' } } } },
    pipelines: { funnel: { object: 'keHuXianSuo', field: 'jieDuan', stages: [
      { key: 'new', kind: 'open' }, { key: 'chengJiao', kind: 'won' }, { key: 'xuDing', kind: 'won' }, { key: 'lost', kind: 'lost' },
    ] } },
    pools: { keHuGongHai: { object: 'keHuXianSuo', holdDays: 30, ...pool } },
  };
}

describe('won records in a pool', () => {
  it('are released with the rest when the hold ends, until the pool exempts its won stages', () => {
    const document = cleaning();
    const won = wonReleased(document, 'keHuGongHai');
    expect(won).toEqual({ field: 'jieDuan', stages: ['chengJiao', 'xuDing'] });
    const kept = keepWon('keHuGongHai', won!)({ document, migrations: [] }, { live: undefined }).document;
    expect(kept.pools!.keHuGongHai!.exempt).toEqual({ jieDuan: { $in: ['chengJiao', 'xuDing'] } });
    expect(wonReleased(kept, 'keHuGongHai')).toBeUndefined();
  });

  it('are also released when visits stop, but not by the not-won clock alone, and an empty exempt keeps nothing', () => {
    expect(wonReleased(cleaning({ holdDays: undefined, releaseIfNoVisitDays: 15 }), 'keHuGongHai')).toBeDefined();
    expect(wonReleased(cleaning({ holdDays: undefined, releaseIfNotWonDays: 30 }), 'keHuGongHai')).toBeUndefined();
    expect(wonReleased(cleaning({ exempt: {} }), 'keHuGongHai')).toBeDefined();
  });

  it('is left to the owner once they wrote an exempt filter, and says nothing without a won stage', () => {
    expect(wonReleased(cleaning({ exempt: { name: { $contains: 'VIP' } } }), 'keHuGongHai')).toBeUndefined();
    const withoutPipeline = cleaning();
    delete withoutPipeline.pipelines;
    expect(wonReleased(withoutPipeline, 'keHuGongHai')).toBeUndefined();
  });
});
