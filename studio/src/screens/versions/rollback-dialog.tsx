import { Alert, Checkbox, List, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { ApiError, type ProblemItem } from '../../api/studio-api.ts';
import { sameMigration, type DataMigration } from '../../document/migrations.ts';
import { fieldDeltas, suggestMigrations } from '../../document/rollback-plan.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { describeMigration, migrationNames, refusalTitle } from '../publish/change-words.ts';
import { RefusalProblems } from '../publish/refusal-problems.tsx';
import { errorMessage } from '../../api/error-message.ts';
import { requestFailure } from '../../../../runtime/web/src/shared/request-failure.ts';

/**
 * Rolls back by publishing a copy of `version`. Renames since then are offered as migrations so
 * data moves back with the fields; what would still lose data must be confirmed.
 */
export function RollbackDialog({ version, onClose }: { version: number; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { api, store } = useStudio();
  const { live } = useSnapshot();
  const [target, setTarget] = useState<MetadataDocument | null>(null);
  const [suggested, setSuggested] = useState<DataMigration[]>([]);
  const [chosen, setChosen] = useState<DataMigration[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ code: string; message: string; errors: ProblemItem[] } | null>(null);
  const [done, setDone] = useState<number | null>(null);

  useEffect(() => {
    api.version(version).then(({ document }) => {
      setTarget(document);
      const migrations = live ? suggestMigrations(live.document, document) : [];
      setSuggested(migrations);
      setChosen(migrations);
    }, (e: unknown) => setRefusal({ code: 'error', message: errorMessage(e, t), errors: [] }));
  }, [api, version, live]);

  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const result = await api.rollback({ version, migrations: chosen, ...(confirm ? { confirmDestructive: true } : {}) });
      await store.reload();
      setDone(result.version);
    } catch (e) {
      setRefusal(e instanceof ApiError && !requestFailure(e) ? { code: e.code, message: e.message, errors: e.errors } : { code: 'error', message: errorMessage(e, t), errors: [] });
    } finally {
      setBusy(false);
    }
  };
  const deltas = live && target ? fieldDeltas(live.document, target) : [];
  // Fields by their names: the ones going away as live has them, the ones coming back as the version had them.
  const names = migrationNames([target ?? undefined, live?.document], locale);
  const fields = (object: string, keys: string[]) => keys.map((k) => names.field(object, k)).join(', ');
  return (
    <Modal open title={t('versions.rollbackTitle', { version })} onCancel={onClose} onOk={done ? onClose : submit} confirmLoading={busy}
      okText={done ? t('common.ok') : t('versions.rollback')} okButtonProps={{ danger: !done }} cancelButtonProps={{ style: done ? { display: 'none' } : {} }} width={640}>
      {!target && !refusal && <Spin />}
      {done !== null && <Alert type="success" showIcon title={t('versions.rolledBack', { version, live: done })} />}
      {target && done === null && (
        <>
          <Typography.Paragraph>{t('versions.rollbackIntro', { version, live: live?.version ?? 0 })}</Typography.Paragraph>
          {deltas.length > 0 && (
            <List size="small" header={t('versions.fieldChanges')} dataSource={deltas} renderItem={(d) => (
              <List.Item>{names.object(d.object)}: {d.removed.length > 0 && <Typography.Text type="danger">− {fields(d.object, d.removed)} </Typography.Text>}{d.added.length > 0 && <Typography.Text type="success">+ {fields(d.object, d.added)}</Typography.Text>}</List.Item>
            )} />
          )}
          {suggested.length > 0 && (
            <List size="small" header={t('versions.keepData')} dataSource={suggested} renderItem={(m) => (
              <List.Item>
                <Checkbox checked={chosen.some((c) => sameMigration(c, m))} onChange={(e) => setChosen(e.target.checked ? [...chosen, m] : chosen.filter((c) => !sameMigration(c, m)))}>
                  {describeMigration(t, m, names)}
                </Checkbox>
              </List.Item>
            )} />
          )}
          <Checkbox checked={confirm} onChange={(e) => setConfirm(e.target.checked)} style={{ marginTop: 12 }}>{t('publish.confirmDestructive')}</Checkbox>
        </>
      )}
      {refusal && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={refusal.code === 'destructive_change' ? t('versions.needsConfirm') : refusalTitle(refusal.code, refusal.message, t)}
          description={<RefusalProblems errors={refusal.errors} migrations={chosen} />} />
      )}
    </Modal>
  );
}
