import Editor, { type OnMount } from '@monaco-editor/react';
import { Alert, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { locatePointer, pointerRanges } from '../../document/json-locate.ts';
import { useI18n, type Translate, type UiLocale } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { useProblemMessage } from '../../ui/use-problem-message.ts';
import { jsonProblemText } from './json-words.ts';
import { applySchema, modelUri, monaco } from './monaco-setup.ts';

type Model = ReturnType<typeof monaco.editor.createModel>;

type Words = (message: string, path?: string) => string;

/** Server problems as error markers at their JSON pointers, in the UI language. */
function markServerProblems(model: Model, problems: Array<{ path: string; message: string }>, words: Words, source: string): void {
  const ranges = pointerRanges(model.getValue());
  const markers = ranges ? problems.flatMap((p) => {
    const range = locatePointer(ranges, p.path);
    if (!range) return [];
    const start = model.getPositionAt(range.start);
    const end = model.getPositionAt(range.end);
    return [{ severity: monaco.MarkerSeverity.Error, message: `${words(p.message, p.path)} (${p.path || '/'})`, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column, source }];
  }) : [];
  monaco.editor.setModelMarkers(model, 'shoal', markers);
}

/**
 * Rewrites the JSON check's markers (Monaco's JSON language service writes English only) in the
 * UI language. Words already given are left as they are, so the rewrite it causes stops there.
 */
function wordJsonMarkers(model: Model, t: Translate, locale: UiLocale): void {
  const markers = monaco.editor.getModelMarkers({ owner: 'json', resource: model.uri });
  const worded = markers.map((m) => ({ ...m, message: jsonProblemText(m.message, t, locale) }));
  if (worded.some((m, i) => m.message !== markers[i]!.message)) monaco.editor.setModelMarkers(model, 'json', worded);
}

/** Why the text is not JSON: where, when the browser says at which position; else its words. */
function jsonError(text: string, t: Translate): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    if (!at) return t('code.notJson', { error: message });
    const before = text.slice(0, Number(at[1])).split('\n');
    return t('code.notJsonAt', { line: before.length, column: before[before.length - 1]!.length + 1 });
  }
}

/** Monaco over the draft: schema diagnostics while typing, the server's rules once it has checked. */
export function CodeEditor() {
  const { t, locale } = useI18n();
  const { api, store } = useStudio();
  const words = useProblemMessage();
  const snapshot = useSnapshot();
  const [schema, setSchema] = useState<Record<string, unknown> | null>(null);
  const modelRef = useRef<Model | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [initial] = useState(() => snapshot.codeText ?? JSON.stringify(snapshot.draft.document, null, 2));
  // Text kept from before (another screen, a reload) that does not parse says so at once.
  const [parseError, setParseError] = useState<string | null>(() => (snapshot.codeText === null ? null : jsonError(snapshot.codeText, t)));

  useEffect(() => { api.schema().then(setSchema, () => setSchema(null)); }, [api]);
  useEffect(() => applySchema(schema), [schema]);
  useEffect(() => {
    if (modelRef.current) markServerProblems(modelRef.current, snapshot.problems, words, t('code.serverCheck'));
  }, [snapshot.problems, words, t]);
  useEffect(() => {
    const reword = () => { if (modelRef.current) wordJsonMarkers(modelRef.current, t, locale); };
    reword();
    const subscription = monaco.editor.onDidChangeMarkers((uris) => { if (uris.some((u) => u.toString() === modelRef.current?.uri.toString())) reword(); });
    return () => subscription.dispose();
  }, [t, locale]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The document this text was parsed into; another one came from elsewhere (undo, redo): the text shows it.
  const shown = useRef(snapshot.draft.document);
  const external = useRef(false);
  useEffect(() => {
    const model = modelRef.current;
    if (!model || snapshot.draft.document === shown.current || snapshot.codeText !== null) return;
    shown.current = snapshot.draft.document;
    clearTimeout(timer.current);
    external.current = true;
    model.setValue(JSON.stringify(snapshot.draft.document, null, 2));
    external.current = false;
    setParseError(null);
  }, [snapshot.draft.document]);

  const onChange = (text: string | undefined) => {
    if (external.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const error = jsonError(text ?? '', t);
      setParseError(error);
      if (error) return store.setCodeText(text ?? '');
      store.setCodeText(null);
      store.replaceDocument(JSON.parse(text ?? '') as MetadataDocument);
      shown.current = store.getSnapshot().draft.document;
    }, 300);
  };
  const onMount: OnMount = (editor) => {
    modelRef.current = editor.getModel();
    if (modelRef.current) markServerProblems(modelRef.current, snapshot.problems, words, t('code.serverCheck'));
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Tag color={schema ? 'blue' : 'default'}>{schema ? t('code.schemaOn') : t('code.schemaOff')}</Tag>
        <Typography.Text type="secondary">{t('code.problems', { n: snapshot.problems.length })}</Typography.Text>
      </Space>
      {parseError && <Alert type="warning" showIcon title={parseError} />}
      <div style={{ border: '1px solid #ddd', borderRadius: 6, overflow: 'hidden' }} data-testid="code-editor">
        <Editor height="70vh" defaultLanguage="json" defaultValue={initial} path={modelUri} onChange={onChange} onMount={onMount}
          options={{ minimap: { enabled: false }, fontSize: 13, tabSize: 2, scrollBeyondLastLine: false, automaticLayout: true, ariaLabel: t('menu.code') }} />
      </div>
    </Space>
  );
}
