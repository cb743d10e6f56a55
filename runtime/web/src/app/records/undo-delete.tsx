import { App } from 'antd';
import { useCallback } from 'react';
import { errorText } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { showUndoToast } from '../shell/undo-toast.tsx';

interface Deleted {
  /** The object of the records deleted. */
  object: string;
  ids: string[];
  /** Whether the words count the records (a delete of the ticked rows: "3 deleted"), not "Deleted" (one record's page). */
  counted?: boolean;
  /** After an Undo, with the records it brought back (all, or those before a refusal). */
  onUndone: (restored: string[]) => void;
}

/**
 * The toast after a delete (deletes are soft): what was deleted, and Undo while it shows (10 s),
 * which restores each record the delete removed, one after another, and says how many came back
 * (or what stopped it). One record's page and a list's ticked rows say it alike.
 */
export function useDeletedToast(): (deleted: Deleted) => void {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return useCallback(({ object, ids, counted = false, onUndone }: Deleted) => {
    const key = `deleted-${object}-${ids[0] ?? ''}`;
    const restoredWords = (count: number) => (counted ? t('bulkRestored', { count }) : t('restored'));
    const undo = async () => {
      const restored: string[] = [];
      try {
        for (const id of ids) {
          await api.post(`/records/${object}/${id}/restore`);
          restored.push(id);
        }
        void message.success(restoredWords(restored.length));
      } catch (error) {
        const reason = errorText(error, locale);
        void message.error(counted ? `${restoredWords(restored.length)} · ${reason}` : reason);
      }
      onUndone(restored);
    };
    showUndoToast(message, { key, duration: 10, text: counted ? t('bulkDeleted', { count: ids.length }) : t('deleted'), undo: t('undo'), onUndo: () => void undo() });
  }, [api, t, locale, message]);
}
