import { describe, expect, it } from 'vitest';
import { metadataJsonSchema } from '../../../../platform/metadata/metadata-schema.ts';
import { translate, type MessageKey } from '../../i18n/i18n.tsx';
import { jsonProblemText } from './json-words.ts';

const zh = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);

/** Monaco's own JSON check, as the code view's worker runs it (the package exports only its bundle, and declares no types for it). */
const external = '../../../../node_modules/monaco-editor/esm/external';
interface JsonService {
  configure(settings: unknown): void;
  parseJSONDocument(document: unknown): unknown;
  doValidation(document: unknown, json: unknown, settings: unknown): Promise<Array<{ message: string }>>;
}
const { getLanguageService } = (await import(`${external}/vscode-json-languageservice/lib/esm/jsonLanguageService.js`)) as { getLanguageService: (p: object) => JsonService };
const { TextDocument } = (await import(`${external}/vscode-languageserver-textdocument/lib/esm/main.js`)) as { TextDocument: { create(uri: string, language: string, version: number, text: string): unknown } };

/** What the code view's JSON check marks in `text`, checked against the server's metadata schema. */
async function marked(text: string): Promise<string[]> {
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: metadataJsonSchema.$id, fileMatch: ['*'], schema: metadataJsonSchema }] });
  const document = TextDocument.create('shoal://studio/metadata.json', 'json', 1, text);
  const found = await service.doValidation(document, service.parseJSONDocument(document), { schemaValidation: 'error', trailingCommas: 'error', comments: 'error' });
  return found.map((d) => d.message);
}

/** Slips an owner makes typing the document by hand, each with what Monaco says of it. */
const slips: Array<[string, string]> = [
  ['no name, a property the document does not have', '{ "objects": {}, "nmae": "x" }'],
  ['a field type that is not one', '{ "name": "x", "objects": { "lead": { "label": "Lead", "fields": { "name": { "type": "txt" } } } } }'],
  ['a number where text goes, an empty name', '{ "name": "", "objects": {}, "timeZone": 8 }'],
  ['a trailing comma and a missing comma', '{ "name": "x", "objects": {} "locale": "zh", }'],
  ['a comment and an unquoted key', '{ // mine\n name: "x", "objects": {} }'],
];

describe('jsonProblemText', () => {
  it.each(slips)('gives Monaco’s problem in Chinese: %s', async (_, text) => {
    const messages = await marked(text);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      const words = jsonProblemText(message, zh, 'zh');
      expect(words, message).toMatch(/[\u4e00-\u9fff]/);
      expect(jsonProblemText(words, zh, 'zh'), 'words given stay as they are').toBe(words);
    }
  });

  it('names the JSON types in the owner’s words, in both languages', async () => {
    const [message] = await marked('{ "name": "x", "objects": {}, "timeZone": 8 }');
    expect(message).toBe('Incorrect type. Expected "string".');
    expect(jsonProblemText(message!, zh, 'zh')).toBe('类型不对，应为文本。');
    expect(jsonProblemText(message!, en, 'en')).toBe('Incorrect type. Expected text.');
    expect(jsonProblemText('Missing property "name".', zh, 'zh')).toBe('缺少属性“name”。');
  });
});
