import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel } from '../../shared/labels.ts';
import { FieldInput } from '../forms/field-input.tsx';
import { typedFor } from '../forms/form-draft.ts';
import type { FieldProblems } from '../forms/problem-errors.ts';
import { ctrlEnterWords, submitKeys } from '../forms/submit-keys.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldLabel, pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { stageMoveWord } from './stage-steps.ts';

export interface StagePromptRequest {
  stage: StageDefinition;
  fields: string[];
  note: boolean;
  record: Record<string, unknown>;
}

interface Props {
  object: ObjectInfo;
  request: StagePromptRequest;
  problems: FieldProblems | undefined;
  busy: boolean;
  onSubmit: (values: Record<string, unknown>, note: string | undefined) => void;
  onCancel: () => void;
}

/** Asks for what a stage requires (fields and/or a note) before moving there. */
export function StagePrompt({ object, request, problems, busy, onSubmit, onCancel }: Props) {
  const { t, locale } = useI18n();
  // What the record's form holds typed and not saved comes first: the user gave it already.
  const [values, setValues] = useState<Record<string, unknown>>(() => {
    const typed = typedFor(String(request.record.id));
    return Object.fromEntries(request.fields.map((k) => [k, k in typed ? typed[k] : request.record[k]]));
  });
  const [note, setNote] = useState('');
  const { document } = useSession();
  const stageName = keyLabel(request.stage.label, locale, request.stage.key);
  const stageField = object.stageField;
  const word = stageMoveWord(pipelineOf(object, document)?.stages ?? [request.stage], stageField ? request.record[stageField] as string | undefined : undefined, request.stage.key);
  // The server sends an empty field as null: that is not filled in either.
  const filled = request.fields.every((k) => values[k] !== undefined && values[k] !== null && values[k] !== '') && (!request.note || note.trim() !== '');
  const send = () => {
    if (filled && !busy) onSubmit(values, request.note ? note.trim() : undefined);
  };
  return (
    <Modal
      open
      title={t(word, { stage: stageName })}
      okText={t(word, { stage: stageName })}
      cancelText={t('cancel')}
      okButtonProps={{ disabled: !filled, loading: busy }}
      onCancel={onCancel}
      onOk={send}
      destroyOnHidden
    >
      {request.fields.length > 0 && <p>{t('stageNeeds', { stage: stageName })}</p>}
      {problems && problems.general.length > 0 && <Alert type="error" showIcon title={problems.general.join('; ')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        {request.fields.map((key) => {
          const field = object.fieldMap.get(key);
          const label = fieldLabel(field, locale, key);
          const errors = problems?.byField[key];
          return (
            <Form.Item key={key} label={label} required htmlFor={`stage-${key}`} validateStatus={errors ? 'error' : undefined} help={errors?.join('; ')}>
              {field
                ? <FieldInput id={`stage-${key}`} field={field} value={values[key]} ariaLabel={label} invalid={!!errors} onChange={(v) => setValues((prev) => ({ ...prev, [key]: v }))} />
                : <Input id={`stage-${key}`} disabled value={t('noAccess')} />}
            </Form.Item>
          );
        })}
        {request.note && (
          <Form.Item label={t('note')} required htmlFor="stage-note" extra={t(ctrlEnterWords())} validateStatus={problems?.byField.note ? 'error' : undefined}
            help={problems?.byField.note?.join('; ') ?? t('noteRequired', { stage: stageName })}>
            <Input.TextArea id="stage-note" value={note} autoSize={{ minRows: 2 }} maxLength={4000} onChange={(e) => setNote(e.target.value)} onKeyDown={submitKeys(send, 'ctrlEnter')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
