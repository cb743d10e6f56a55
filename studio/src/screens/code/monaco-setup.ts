import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/**
 * Monaco from the bundle (not a CDN), with only the JSON language; its workers are built by
 * Vite as separate files. Loaded with the code view only.
 */
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};
loader.config({ monaco });

export const schemaUri = 'https://shoal.dev/schemas/metadata.json';
export const modelUri = 'shoal://studio/metadata.json';

/** Validates the editor's document against the server's JSON Schema of the metadata. */
export function applySchema(schema: Record<string, unknown> | null): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: schema ? [{ uri: schemaUri, fileMatch: [modelUri], schema }] : [],
  });
}

export { monaco };
