import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { Alert, Button, Space } from 'antd';
import type { AlertRef } from 'antd/es/alert/Alert';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProblemItem } from '../../shared/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatValue } from '../metadata/format-value.ts';
import { fieldLabel, pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { guardLeaving } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { offerTyped, rebaseDraft, sameData, sameValue, type Rebased } from './form-draft.ts';
import { buildFormModel, withStartingStages, type FormMode } from './form-schema.ts';
import { useLinkChecks } from './link-checks.ts';
import { fieldProblemsText } from '../data/problem-words.ts';
import { problemsByField, toErrorSchema } from './problem-errors.ts';
import { flatValidator } from './rjsf-validator.ts';
import { ShoalRjsfForm, type ShoalFormContext } from './rjsf-theme.tsx';

type Data = Record<string, unknown>;

interface Props {
  object: ObjectInfo;
  mode: FormMode;
  initial: Data;
  /**
   * Saves the data; a thrown ApiError with field pointers is shown at the fields. Resolves true
   * when the data was saved (the record reloading next then brings what was typed, as saved).
   */
  onSubmit: (data: Data, updatable: string[]) => Promise<boolean | void>;
  onCancel?: () => void;
  submitLabel?: string;
  /** Problems from the server to show at their fields. */
  problems: ProblemItem[];
  /** The record edited: what is typed and not saved is offered to the page's prompts about it (a stage move's). */
  recordId?: string;
  /** Fields the record's pool hides from the reader until it is claimed: shown as such, not editable. */
  masked?: ReadonlySet<string>;
}

/** The generated form of a record (layout sections → rjsf), for creating and editing alike. */
export function RecordForm({ object: given, mode, initial, onSubmit, onCancel, submitLabel, problems, recordId, masked }: Props) {
  const { document, format } = useSession();
  // A new record's stage choice holds only the stages a record may start in (the server refuses the others).
  const object = useMemo(() => (mode === 'create' ? withStartingStages(given, pipelineOf(given, document)) : given), [given, mode, document]);
  const { t, locale } = useI18n();
  const model = useMemo(() => buildFormModel(object, document.layouts?.[object.key], mode, locale, masked), [object, document, mode, locale, masked]);
  const validator = useMemo(() => flatValidator(locale), [locale]);
  const [data, setData] = useState<Data>(initial);
  const [busy, setBusy] = useState(false);
  const [cleared, setCleared] = useState<Set<string>>(new Set());
  // The server's words for a value (must be unique) in the reader's language.
  const server = useMemo(() => fieldProblemsText(problemsByField(problems, new Set(model.fields)), object, locale), [problems, model.fields, object, locale]);
  const links = useLinkChecks(object, mode, data);
  const shown = {
    byField: { ...Object.fromEntries(Object.entries(links).map(([k, message]) => [k, [message]])), ...Object.fromEntries(Object.entries(server.byField).filter(([k]) => !cleared.has(k))) },
    general: server.general,
  };
  const updatable = model.editable;
  const context: ShoalFormContext = { object, descriptionLocation: 'tooltip', openLookups: mode === 'edit', creating: mode === 'create' };

  // The fields the user changed from what the form opened with: leaving would lose them.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const saving = useRef(false);
  // The record reloaded under the form (a stage move, a claim, an extension, a save, a conflict):
  // the fields the user changed and did not save stay as typed, on top of the record as it is now,
  // and the form stays unsaved; a field the reload changed as well takes the record's value, and
  // the form says what was typed there.
  const [base, setBase] = useState(initial);
  const [saved, setSaved] = useState<Data | undefined>(undefined);
  const [replaced, setReplaced] = useState<Rebased['replaced']>([]);
  if (base !== initial) {
    // Taken as the base even where it holds the same values, so later renders compare no more.
    setBase(initial);
    if (!sameData(base, initial)) {
      const rebased = rebaseDraft(base, initial, data, saved);
      setSaved(undefined);
      setData(rebased.data);
      setEdited(rebased.edited);
      if (rebased.replaced.length > 0) setReplaced(rebased.replaced);
    }
  }
  // What the reload replaced is said above the form, which may be scrolled away: brought into view.
  const replacedAlert = useRef<AlertRef>(null);
  useEffect(() => {
    if (replaced.length > 0) replacedAlert.current?.nativeElement.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [replaced]);
  useEffect(() => {
    if (edited.size === 0) return undefined;
    return guardLeaving(() => !saving.current, t('leaveUnsaved'));
  }, [edited.size, t]);
  const typed = useRef({ data, edited });
  typed.current = { data, edited };
  useEffect(() => {
    if (!recordId || edited.size === 0) return undefined;
    return offerTyped(recordId, () => Object.fromEntries([...typed.current.edited].map((k) => [k, typed.current.data[k]])));
  }, [recordId, edited.size]);

  const typedText = (key: string, typed: unknown) => {
    const field = object.fieldMap.get(key);
    return t('youTyped', { field: fieldLabel(field, locale, key), value: formatValue(field, typed, format) });
  };

  const change = (next: Data, id?: string) => {
    setSaved(undefined);
    const key = id?.replace(/^root_/, '');
    if (key && server.byField[key]) setCleared((prev) => new Set([...prev, key]));
    if (key) {
      const same = sameValue(next[key], initial[key]);
      setEdited((prev) => (same === !prev.has(key) ? prev : new Set(same ? [...prev].filter((k) => k !== key) : [...prev, key])));
    }
    setData(next);
  };
  const submit = async (formData: Data) => {
    setBusy(true);
    setCleared(new Set());
    setReplaced([]);
    // A save that succeeds moves on (to the new record) or reloads: that is no loss.
    saving.current = true;
    try {
      if ((await onSubmit(formData, updatable)) === true) setSaved(formData);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  return (
    <>
      {replaced.length > 0 && (
        <Alert ref={replacedAlert} type="warning" showIcon closable role="alert" onClose={() => setReplaced([])} style={{ marginBottom: 12 }}
          title={t('replacedByReload', { fields: replaced.map((r) => typedText(r.key, r.typed)).join(locale === 'zh' ? '；' : '; ') })} />
      )}
      {shown.general.length > 0 && <Alert type="error" showIcon role="alert" title={t('fixFields')} description={shown.general.join('; ')} style={{ marginBottom: 12 }} />}
      <ShoalRjsfForm
        schema={model.schema as unknown as RJSFSchema}
        uiSchema={model.uiSchema as UiSchema<Data, RJSFSchema, ShoalFormContext>}
        formData={data}
        validator={validator}
        formContext={context}
        extraErrors={toErrorSchema(shown) as never}
        showErrorList={false}
        noHtml5Validate
        // A refused submit takes the user to the first field to fix; the fields say what is wrong
        // (without an onError, rjsf also logs "Form validation failed" to the console).
        focusOnFirstError
        onError={() => undefined}
        onChange={(e, id) => change(e.formData ?? {}, id)}
        onSubmit={(e) => void submit(e.formData ?? {})}
      >
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" htmlType="submit" loading={busy}>{submitLabel ?? t('save')}</Button>
          {onCancel && <Button onClick={onCancel}>{t('cancel')}</Button>}
        </Space>
      </ShoalRjsfForm>
    </>
  );
}
