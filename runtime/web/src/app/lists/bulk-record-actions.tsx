import type { ObjectInfo } from '../metadata/object-info.ts';
import { BulkAssignButton } from './bulk-assign.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { BulkDeleteButton } from './bulk-delete.tsx';
import { BulkEditButton, bulkEditableFields } from './bulk-edit.tsx';
import type { ApiRecord } from './use-record-pages.ts';

/** What the caller's roles let them do to many records of a list at once (nothing: no ticks). */
export interface BulkAllowed {
  assign: boolean;
  edit: boolean;
  delete: boolean;
}

/** The bulk actions a list of `object` offers: assign where it has a pool (`assign` decides), a field's change, delete. */
export function bulkAllowed(object: ObjectInfo, assign: boolean): BulkAllowed | undefined {
  const allowed = { assign, edit: bulkEditableFields(object).length > 0, delete: object.actions.includes('delete') };
  return allowed.assign || allowed.edit || allowed.delete ? allowed : undefined;
}

interface Props {
  object: ObjectInfo;
  allowed: BulkAllowed;
  selected: ApiRecord[];
  onClear: () => void;
  /** After an action (or its undo): the list is read again, without ticks. */
  onDone: () => void;
}

/** The general record list's bulk bar: assign, change a field, delete, each as the caller's roles allow. */
export function RecordBulkActions({ object, allowed, selected, onClear, onDone }: Props) {
  return (
    <BulkBar count={selected.length} onClear={onClear}>
      {(report) => (
        <>
          {allowed.assign && <BulkAssignButton object={object} selected={selected} report={report} onAssigned={onDone} />}
          {allowed.edit && <BulkEditButton object={object} selected={selected} report={report} onChanged={onDone} />}
          {allowed.delete && <BulkDeleteButton object={object} selected={selected} report={report} onDeleted={onDone} />}
        </>
      )}
    </BulkBar>
  );
}
