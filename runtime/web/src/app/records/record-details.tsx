import { App, Card, Descriptions, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, type ProblemItem } from '../../shared/api-client.ts';
import { errorText } from '../data/api-errors.ts';
import { buildFormModel, changedValues, toFormData } from '../forms/form-schema.ts';
import { RecordForm } from '../forms/record-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { FieldCell } from '../lists/field-cell.tsx';
import { fieldLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { maskedFields } from '../pools/pool-columns.ts';
import { useSession } from '../session/tenant-session.tsx';

interface Props {
  object: ObjectInfo;
  record: ApiRecord;
  /** Whether the caller's rules let them update this record (the record's `Allow` has PATCH). */
  mayUpdate: boolean;
  onSaved: () => void;
}

/** The `form` component: editable where the caller may update (PATCH with If-Match), read-only otherwise. */
export function RecordDetails({ object, record, mayUpdate, onSaved }: Props) {
  const { api, document, format, tenant } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [problems, setProblems] = useState<ProblemItem[]>([]);
  // What the record's pool hides from this reader while it is public (a contact's phone): said so, not an empty box to type over.
  const masked = useMemo(() => maskedFields(record, object, document), [record, object, document]);
  const maskedCell = <Typography.Text type="secondary">{t('hiddenUntilClaimed')}</Typography.Text>;
  const model = useMemo(() => buildFormModel(object, document.layouts?.[object.key], 'edit', locale, masked), [object, document, locale, masked]);
  const editable = mayUpdate && model.editable.length > 0;
  const initial = useMemo(() => toFormData(record, model.fields), [record, model.fields]);

  const save = async (data: Record<string, unknown>, updatable: string[]) => {
    const patch = changedValues(initial, data, updatable);
    if (Object.keys(patch).length === 0) {
      void message.info(t('saved'));
      return true;
    }
    try {
      await api.patch(`/records/${object.key}/${record.id}`, patch, { 'if-match': `"${String(record.version)}"` });
      setProblems([]);
      void message.success(t('saved'));
      onSaved();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        void message.warning(t('conflictKept'));
        onSaved();
      } else if (error instanceof ApiError && error.errors.length > 0) {
        setProblems(error.errors);
      } else {
        void message.error(errorText(error, locale));
      }
      return false;
    }
  };

  if (!editable) {
    return (
      <Card size="small" title={t('details')} style={{ marginBottom: 12 }}>
        {model.sections.map((section, i) => (
          <Descriptions key={i} size="small" title={section.title} column={{ xs: 1, sm: 1, md: section.columns, lg: section.columns }} style={{ marginBottom: 8 }}>
            {section.fields.map((key) => (
              <Descriptions.Item key={key} label={fieldLabel(object.fieldMap.get(key), locale, key)}>
                {masked.has(key) ? maskedCell : <FieldCell record={record} field={object.fieldMap.get(key)} value={record[key]} format={format} linkTenant={tenant} />}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ))}
      </Card>
    );
  }
  return (
    <Card size="small" title={t('details')} style={{ marginBottom: 12 }}>
      {/* Not remounted when the record reloads (a stage move, a claim, a save): it keeps what was typed and not saved. */}
      <RecordForm object={object} mode="edit" initial={initial} onSubmit={save} problems={problems} recordId={record.id} masked={masked} />
    </Card>
  );
}
