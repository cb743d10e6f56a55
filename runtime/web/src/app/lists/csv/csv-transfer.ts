import type { FilterJson } from '../../../shared/filter-builder/filter-builder-types.ts';
import type { ApiClient } from '../../../shared/api-client.ts';
import { saveFile } from '../../../shared/save-file.ts';
import { keyLabel, type UiLocale } from '../../../shared/labels.ts';
import type { MetadataDocument } from '../../../../../../platform/metadata/metadata-types.ts';
import type { JobView } from '../../../../../../platform/records/csv-import.ts';
import { jobFinished } from '../../data/jobs.ts';
import { componentEnabled, type ObjectInfo } from '../../metadata/object-info.ts';

/** An import job as `GET /jobs/{job}` answers. */
export type ImportJob = Pick<JobView, 'id' | 'state' | 'processed' | 'total' | 'created' | 'updated' | 'unchanged' | 'errors'>;

/** Whether the list offers a CSV download, and an upload (the `import` component and the caller's rights). */
export function csvActions(object: ObjectInfo, document: MetadataDocument): { canExport: boolean; canImport: boolean } {
  if (!componentEnabled(document, 'import')) return { canExport: false, canImport: false };
  const writes = object.actions.includes('create') || object.actions.includes('update');
  return { canExport: object.actions.includes('export'), canImport: object.actions.includes('import') && writes };
}

/** What an export writes: the list as on screen. */
export interface ExportedList {
  where?: FilterJson;
  orderBy: string;
  /** The columns shown, in their order. */
  columns: string[];
}

/**
 * The export's query: the same filter, order and columns as on screen (the file starts with each
 * record's id and version, which an import back updates by), written for people in the reader's
 * language (columns, options and stages by label, lookups by title, people by name).
 */
export function exportQuery(list: ExportedList, lang: UiLocale): Record<string, string | FilterJson | undefined> {
  return { where: list.where, orderBy: list.orderBy, columns: list.columns.join(','), header: 'labels', lang };
}

/**
 * Downloads the list as CSV without leaving the page: a refusal (the session ended, too many
 * exports, the server down) is an `ApiError` to tell the user about, not a page of JSON.
 */
export async function downloadExport(api: ApiClient, object: string, list: ExportedList, lang: UiLocale): Promise<void> {
  const { blob, filename } = await api.download(`/records/${encodeURIComponent(object)}/export.csv`, exportQuery(list, lang));
  saveFile(blob, filename ?? `${object}.csv`);
}

/** Fields an import can fill: the custom fields the caller may create or update, in document order. */
export function importableFields(object: ObjectInfo) {
  return object.fields.filter((f) => !f.system && !f.readOnly && (f.creatable || f.updatable));
}

/** A CSV with only the header row to fill in: the importable fields by their labels in the UI language. */
export function csvTemplate(object: ObjectInfo, locale: UiLocale): string {
  return `\uFEFF${importableFields(object).map((f) => csvCell(keyLabel(f.label, locale, f.key))).join(',')}\r\n`;
}

/**
 * A CSV cell, quoted where needed; a label a spreadsheet would run as a formula (`=…`, `+…`,
 * `-…`, `@…`) gets a leading `'`, as the server's export guards its cells and the import reads
 * them back (platform/records/csv-values.ts).
 */
function csvCell(text: string): string {
  const safe = /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Unique text fields a row can be matched by instead of its id (`upsertKey`). */
export function matchableFields(object: ObjectInfo) {
  return importableFields(object).filter((f) => f.definition?.unique === true);
}

/** 0..100 for a progress bar (the total is counted when the file arrives). */
export function jobPercent(job: ImportJob): number {
  if (jobFinished(job)) return 100;
  return job.total ? Math.min(99, Math.floor((job.processed / job.total) * 100)) : 0;
}
