import type { ApiRecord } from '../lists/use-record-pages.ts';

/** A record that entering a stage created (`creates` of the stage: 已签约 makes a contract). */
export interface CreatedRecord {
  object: string;
  id: string;
}

/**
 * A stage move's answer as the record moved and what the move created (the answer's `$created`):
 * the record goes back to the stage bar or the kanban card without it, the toast names the other.
 *
 * @example splitCreated({ id: 'l1', stage: 'signed', $created: { object: 'contract', id: 'c1' } })
 *   // → { record: { id: 'l1', stage: 'signed' }, created: { object: 'contract', id: 'c1' } }
 */
export function splitCreated(answer: ApiRecord): { record: ApiRecord; created: CreatedRecord | undefined } {
  const { $created, ...record } = answer;
  const created = $created as Partial<CreatedRecord> | null | undefined;
  return {
    record: record as ApiRecord,
    created: created && typeof created.object === 'string' && typeof created.id === 'string' ? { object: created.object, id: created.id } : undefined,
  };
}
