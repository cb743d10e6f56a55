import { App } from 'antd';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../shared/api-client.ts';
import { keyLabel } from '../../shared/labels.ts';
import { errorText } from '../data/api-errors.ts';
import { fieldProblemsText } from '../data/problem-words.ts';
import { problemsByField, type FieldProblems } from '../forms/problem-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { objectLabel, pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { missingForStage, requirementsFromProblem } from '../metadata/transitions.ts';
import { maskedFields } from '../pools/pool-columns.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { splitCreated } from './created-record.ts';
import { StagePrompt, type StagePromptRequest } from './stage-prompt.tsx';

interface Pending extends StagePromptRequest {
  resolve: (record: ApiRecord | undefined) => void;
}

/**
 * Moving a record between stages (stage bar and kanban): asks first for what the target stage
 * requires, then calls `/transition`; a 422 `stage_requirements` reopens the prompt with the
 * server's list. A move to a won stage that needs nothing more is confirmed first (it closes the
 * deal and may create a record, as 已签约 makes a contract). Resolves with the moved record, or
 * undefined when cancelled or refused.
 */
export function useStageMove(object: ObjectInfo): { move: (record: ApiRecord, to: string) => Promise<ApiRecord | undefined>; element: ReactNode } {
  const { api, document, objectMap, tenant } = useSession();
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [problems, setProblems] = useState<FieldProblems | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<Pending | undefined>(undefined);
  pendingRef.current = pending;
  const pipeline = pipelineOf(object, document);

  const send = useCallback(async (record: ApiRecord, to: string, values?: Record<string, unknown>, note?: string) => {
    const body = { to, ...(note ? { note } : {}), ...(values && Object.keys(values).length ? { values } : {}) };
    return api.post<ApiRecord>(`/records/${object.key}/${record.id}/transition`, body);
  }, [api, object.key]);

  // What the move created (a contract, on 已签约) is said, with a way to it: the kanban shows it nowhere.
  const finish = (answer: ApiRecord, stageKey: string) => {
    const { record, created } = splitCreated(answer);
    const stage = pipeline?.stages.find((s) => s.key === stageKey);
    const moved = t('moved', { stage: keyLabel(stage?.label, locale, stageKey) });
    if (!created) {
      void message.success(moved);
      return record;
    }
    const target = objectMap.get(created.object);
    const label = objectLabel(target, locale) || keyLabel(document.objects?.[created.object]?.label, locale, created.object);
    const key = `created-${created.id}`;
    void message.success({
      key, duration: 10,
      content: (
        <span>
          {moved} · {t('createdRelated', { object: label })}
          {/* Only to a record the reader may open (their object list has it). */}
          {target && <> · <Link to={paths.record(tenant, created.object, created.id)} aria-label={t('openCreatedRecord', { object: label })} onClick={() => message.destroy(key)}>{t('openCreated')}</Link></>}
        </span>
      ),
    });
    return record;
  };

  const move = useCallback(async (record: ApiRecord, to: string): Promise<ApiRecord | undefined> => {
    const stage = pipeline?.stages.find((s) => s.key === to);
    if (!stage) return undefined;
    // Not a field the pool hides from this reader while the record is public: it may be filled in
    // already (the server checks), and they may not write it.
    const hidden = maskedFields(record, object, document);
    const readable = (key: string) => object.fieldMap.get(key)?.readable === true && !hidden.has(key);
    const missing = missingForStage(pipeline!, stage, record);
    const fields = missing.fields.filter(readable);
    if (fields.length === 0 && !missing.note) {
      // (Not when fields the reader cannot see are missing: the server refuses, and says so.)
      if (stage.kind === 'won' && missing.fields.length === 0) {
        const label = keyLabel(stage.label, locale, stage.key);
        const creates = stage.creates ? objectLabel(objectMap.get(stage.creates.object), locale) || stage.creates.object : undefined;
        const sure = await new Promise<boolean>((resolve) => {
          modal.confirm({
            title: t('confirmWon', { stage: label }),
            content: creates ? t('confirmWonCreates', { object: creates }) : undefined,
            okText: t('moveStage', { stage: label }), cancelText: t('cancel'),
            onOk: () => resolve(true), onCancel: () => resolve(false),
          });
        });
        if (!sure) return undefined;
      }
      try {
        return finish(await send(record, to), to);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'stage_requirements')) {
          void message.error(errorText(error, locale));
          return undefined;
        }
        const needed = requirementsFromProblem(error.errors);
        const asked = needed.fields.filter((k) => !hidden.has(k));
        if (asked.length === 0 && !needed.note) {
          void message.error(errorText(error, locale));
          return undefined;
        }
        return new Promise((resolve) => {
          setProblems(undefined);
          setPending({ stage, record, fields: asked, note: needed.note, resolve });
        });
      }
    }
    return new Promise((resolve) => {
      setProblems(undefined);
      setPending({ stage, record, fields, note: missing.note, resolve });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pipeline, object, send, locale, objectMap, document]);

  const submit = async (values: Record<string, unknown>, note: string | undefined) => {
    const current = pendingRef.current;
    if (!current) return;
    setBusy(true);
    try {
      const moved = await send(current.record as ApiRecord, current.stage.key, values, note);
      setPending(undefined);
      current.resolve(finish(moved, current.stage.key));
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        const needed = requirementsFromProblem(error.errors);
        const hidden = maskedFields(current.record, object, document);
        const fields = [...new Set([...current.fields, ...needed.fields.filter((k) => object.fieldMap.has(k) && !hidden.has(k))])];
        setPending({ ...current, fields, note: current.note || needed.note });
        setProblems(fieldProblemsText(problemsByField(error.errors, new Set([...fields, 'note'])), object, locale));
      } else {
        setProblems({ byField: {}, general: [errorText(error, locale)] });
      }
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    pendingRef.current?.resolve(undefined);
    setPending(undefined);
  };

  const element = pending
    ? <StagePrompt key={`${String(pending.record.id)}:${pending.stage.key}`} object={object} request={pending} problems={problems} busy={busy} onSubmit={(v, n) => void submit(v, n)} onCancel={cancel} />
    : null;
  return { move, element };
}
