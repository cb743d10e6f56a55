import { EditOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { errorText } from '../data/api-errors.ts';
import { FieldInput } from '../forms/field-input.tsx';
import { useDialogState } from '../forms/use-dialog-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldLabel, type FieldInfo, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import type { BulkActionProps } from './bulk-bar.tsx';
import { bulkRefusals, groupRefusals, writeInBulk } from './bulk-results.ts';

/**
 * The fields a change on many records may set: those the caller may update somewhere. A unique
 * field is left out: one value on many records is refused on all but one of them.
 */
export function bulkEditableFields(object: ObjectInfo): FieldInfo[] {
  return object.fields.filter((f) => f.updatable && f.readable && !f.definition?.unique);
}

interface Props extends BulkActionProps {
  /** After the change. */
  onChanged: () => void;
}

/**
 * "Change a field…": one field, one value (empty clears it) on every ticked record, in one
 * `POST /records/{o}/bulk` update; how many were changed, and which were refused and why.
 */
export function BulkEditButton({ object, selected, report, onChanged }: Props) {
  const { api, format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = bulkEditableFields(object);
  const [key, setKey] = useDialogState<string | undefined>(open, undefined);
  const [value, setValue] = useDialogState<unknown>(open, undefined);
  const field = key ? object.fieldMap.get(key) : undefined;
  const empty = value === undefined || value === null || value === '';
  const ready = !!field && !(empty && field.required);

  const apply = async () => {
    if (!field || !ready) return;
    setBusy(true);
    const targets = [...selected];
    try {
      const rows = await writeInBulk(api, object.key, 'update', targets.map((r) => ({ id: r.id, [field.key]: empty ? null : value })));
      const changed = rows.filter((r) => r.status < 400);
      const refused = bulkRefusals(rows, targets, object, format, locale, 'update');
      const unchanged = changed.filter((r) => r.unchanged).length;
      report(refused.length > 0 ? { title: t('bulkUpdatedOf', { done: changed.length, count: targets.length, left: refused.length }), refusals: groupRefusals(refused) } : undefined);
      if (changed.length > 0) void message.success(`${t('bulkUpdated', { count: changed.length })}${unchanged > 0 ? ` ${t('bulkUnchanged', { count: unchanged })}` : ''}`);
      setOpen(false);
      onChanged();
    } catch (error) {
      void message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>{t('bulkEdit')}</Button>
      <Modal open={open} title={t('bulkEditTitle', { count: selected.length })} okText={t('bulkEditApply', { count: selected.length })} cancelText={t('cancel')}
        okButtonProps={{ disabled: !ready, loading: busy }} onOk={() => void apply()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form layout="vertical" component="div">
          <Form.Item label={t('bulkEditField')} required htmlFor="bulk-edit-field">
            <Select id="bulk-edit-field" value={key} showSearch={{ optionFilterProp: 'label' }}
              options={fields.map((f) => ({ value: f.key, label: fieldLabel(f, locale, f.key) }))}
              onChange={(next: string) => { setKey(next); setValue(object.fieldMap.get(next)?.type === 'boolean' ? false : undefined); }} />
          </Form.Item>
          {field && (
            <Form.Item label={t('bulkEditValue')} required={field.required} htmlFor="bulk-edit-value" extra={field.required ? undefined : t('bulkEditClears')}>
              <FieldInput key={field.key} id="bulk-edit-value" field={field} value={value} onChange={setValue} ariaLabel={fieldLabel(field, locale, field.key)} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
