import { describe, expect, it } from 'vitest';
import type { AssignmentRuleDefinition, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { validateMetadata } from '../../../platform/metadata/validate-metadata.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { DraftState, Edit } from './draft-state.ts';
import { removeField, renameField } from './object-ops.ts';

const live = testDocument();
const run = (state: DraftState, ...edits: Edit[]) => edits.reduce((s, e) => e(s, { live }), state);

/** The test CRM with a rule that hands out leads by the room-nights of their hotel, and a view on the same path. */
function withPriority(field: string): DraftState {
  const document: MetadataDocument = structuredClone(live);
  document.assignmentRules = { bigHotels: { object: 'lead', pool: 'leadPool', records: {}, users: {}, match: 'even', workOrderPriority: { field, order: 'desc' } } satisfies AssignmentRuleDefinition };
  document.views = { big: { object: 'lead', where: { 'hotel.roomNights': { $gt: 100 } } } };
  return { document, migrations: [] };
}

describe('work-order priority follows renames as filters do', () => {
  it('renaming the field one hop away (hotel.roomNights) renames the priority with the filter, and the validator accepts it', () => {
    const next = run(withPriority('hotel.roomNights'), renameField('hotel', 'roomNights', 'roomNightsPerMonth'));
    expect(next.document.assignmentRules!.bigHotels!.workOrderPriority).toEqual({ field: 'hotel.roomNightsPerMonth', order: 'desc' });
    expect(next.document.views!.big!.where).toEqual({ 'hotel.roomNightsPerMonth': { $gt: 100 } });
    expect(validateMetadata(next.document).filter((p) => p.path.startsWith('/assignmentRules'))).toEqual([]);
  });

  it('renaming the lookup (lead.hotel) renames the path through it', () => {
    const next = run(withPriority('hotel.roomNights'), renameField('lead', 'hotel', 'property'));
    expect(next.document.assignmentRules!.bigHotels!.workOrderPriority!.field).toBe('property.roomNights');
    expect(validateMetadata(next.document).filter((p) => p.path.startsWith('/assignmentRules'))).toEqual([]);
  });

  it('a field of the rule’s own object is renamed, and a same-named field of another object is not', () => {
    expect(run(withPriority('score'), renameField('lead', 'score', 'rating')).document.assignmentRules!.bigHotels!.workOrderPriority!.field).toBe('rating');
    expect(run(withPriority('name'), renameField('hotel', 'name', 'title')).document.assignmentRules!.bigHotels!.workOrderPriority!.field).toBe('name');
  });

  it('removing the field, or the lookup the path goes through, drops the priority; another field keeps it', () => {
    expect(run(withPriority('hotel.roomNights'), removeField('hotel', 'roomNights')).document.assignmentRules!.bigHotels!.workOrderPriority).toBeUndefined();
    expect(run(withPriority('hotel.roomNights'), removeField('lead', 'hotel')).document.assignmentRules!.bigHotels!.workOrderPriority).toBeUndefined();
    expect(run(withPriority('hotel.roomNights'), removeField('hotel', 'stars')).document.assignmentRules!.bigHotels!.workOrderPriority!.field).toBe('hotel.roomNights');
  });

  it('a renamed sort key of a view keeps the others and their directions', () => {
    const state = withPriority('score');
    state.document.views!.big!.orderBy = '-updatedAt,score, -name';
    expect(run(state, renameField('lead', 'score', 'rating')).document.views!.big!.orderBy).toBe('-updatedAt,rating,-name');
    expect(run(state, removeField('lead', 'score')).document.views!.big!.orderBy).toBe('-updatedAt,-name');
  });
});
