import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { staleFieldsNote, type StaleField } from './stale-view-fields.ts';

interface Props {
  stale: StaleField[];
  /** Where this browser remembers that the note was closed for these fields (per user and view). */
  storageKey: string;
  /** Saves the view without the stale fields (the note goes with them). */
  onResave: () => Promise<void>;
}

const closedFor = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

/**
 * Says once, above the list, which fields a personal view names that are no longer there (the
 * list opened without them), offering to save the view without them. Closed, it stays closed in
 * this browser until the view names another such field.
 */
export function StaleViewNote({ stale, storageKey, onResave }: Props) {
  const { t, locale } = useI18n();
  const fields = stale.map((f) => f.path).sort().join(',');
  const [closed, setClosed] = useState(() => closedFor(storageKey));
  const [saving, setSaving] = useState(false);
  if (stale.length === 0 || closed === fields) return null;
  const close = () => {
    setClosed(fields);
    try {
      localStorage.setItem(storageKey, fields);
    } catch {
      // Private browsing without storage: closed for this visit only.
    }
  };
  const resave = async () => {
    setSaving(true);
    await onResave();
    setSaving(false);
  };
  return (
    <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} title={staleFieldsNote(stale, locale)}
      closable={{ 'aria-label': t('close'), onClose: close }}
      action={<Button size="small" loading={saving} onClick={() => void resave()}>{t('saveViewWithout')}</Button>} />
  );
}
