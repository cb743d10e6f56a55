import { CloudUploadOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, List, Result, Space, Spin, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { navigate, tenantPath } from '../../app/router.ts';
import { ApiError, type MetaChange, type ProblemItem, type PublishResult } from '../../api/studio-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import { requestFailure } from '../../../../runtime/web/src/shared/request-failure.ts';
import { pruneMigrations, sameMigration, type DataMigration } from '../../document/migrations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProblemList } from '../../ui/problems-drawer.tsx';
import { describeMigration, migrationNames, refusalTitle } from './change-words.ts';
import { RefusalProblems } from './refusal-problems.tsx';
import { ChangesTable } from './changes-table.tsx';
import { EmptyRolesAlert } from './empty-roles-alert.tsx';
import { LostRolesAlert, moveRoleHolders, useLostRoles } from './lost-roles-alert.tsx';
import { MissingLabelsAlert } from './missing-labels-alert.tsx';
import { StuckStagesAlert } from './stuck-stages-alert.tsx';
import { UnconvertibleAlert } from './unconvertible-alert.tsx';
import { unconvertibleValues } from './unconvertible-values.ts';

type Published = { state: 'published'; result: PublishResult; moved: number; moveError?: string };
/** `etag`: the draft the review compared, which the publish names so that it publishes only that. */
type Stage = { state: 'checking' } | { state: 'invalid' } | { state: 'review'; changes: MetaChange[]; etag: string | null } | Published | { state: 'error'; message: string };

/** Review the diff, settle data migrations, confirm destructive changes, publish. */
export function PublishScreen() {
  const { t, locale } = useI18n();
  const { tenant, api, store } = useStudio();
  const { draft, live, problems, codeText } = useSnapshot();
  const [stage, setStage] = useState<Stage>({ state: 'checking' });
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ title: string; errors: ProblemItem[] } | null>(null);
  const [changedSinceReview, setChangedSinceReview] = useState(false);
  const migrations = draft.migrations;
  const lostRoles = useLostRoles();

  const review = useCallback(async () => {
    setStage({ state: 'checking' });
    if (!(await store.flush())) {
      setStage({ state: 'invalid' });
      return;
    }
    const snapshot = store.getSnapshot();
    const pruned = pruneMigrations(snapshot.draft.migrations, snapshot.live?.document, snapshot.draft.document);
    if (pruned.length !== snapshot.draft.migrations.length) store.setMigrations(pruned);
    try {
      const { changes, etag } = await api.diff(pruned);
      setStage({ state: 'review', changes, etag });
    } catch (e) {
      setStage({ state: 'error', message: errorMessage(e, t) });
    }
  }, [api, store]);

  useEffect(() => { void review(); }, [review]);

  // Each migration choice changes the plan: compare again with it.
  const addMigration = (m: DataMigration) => {
    store.setMigrations([...migrations.filter((x) => !sameMigration(x, m)), m]);
    void review();
  };
  const removeMigration = (m: DataMigration) => {
    store.setMigrations(migrations.filter((x) => !sameMigration(x, m)));
    void review();
  };
  // A conversion refused for values the new type cannot hold: convert again, clearing those.
  const clearInvalid = (m: DataMigration) => {
    store.setMigrations(migrations.map((x) => (sameMigration(x, m) ? { ...m, clearInvalid: true } : x)));
    setRefusal(null);
    void review();
  };
  const unconvertible = refusal ? unconvertibleValues(refusal.errors, migrations) : [];
  const names = migrationNames([draft.document, live?.document], locale);

  const publish = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const result = await api.publish({ migrations, ...(confirm ? { confirmDestructive: true } : {}) }, stage.state === 'review' ? stage.etag : null);
      // The people who held a removed or renamed role get the one chosen for them, now that it is live.
      const published: Published = { state: 'published', result, moved: 0 };
      try {
        published.moved = await moveRoleHolders(api, lostRoles.lost, lostRoles.moves);
      } catch (e) {
        published.moveError = errorMessage(e, t);
      }
      await store.reload();
      setStage(published);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.code === 'conflict')) {
        // Someone saved the draft (or published) since this review: show the draft as it is now, to be reviewed
        // again. A destructive change confirmed was confirmed for the other diff: confirm again.
        setConfirm(false);
        setChangedSinceReview(true);
        await store.refresh();
        await review();
      } else if (e instanceof ApiError && !requestFailure(e)) setRefusal({ title: refusalTitle(e.code, e.message, t), errors: e.errors });
      else setRefusal({ title: errorMessage(e, t), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  const title = <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.publish')}</Typography.Title>;
  if (stage.state === 'checking') return <div>{title}<Spin tip={t('publish.checking')}><div style={{ height: 80 }} /></Spin></div>;
  if (stage.state === 'error') return <div>{title}<Alert type="error" showIcon title={stage.message} action={<Button onClick={review}>{t('common.retry')}</Button>} /></div>;
  if (stage.state === 'invalid') {
    return (
      <div>{title}
        <Result status="warning" title={t('publish.invalid', { n: problems.length })} subTitle={t('publish.invalidHelp')} extra={<Button icon={<ReloadOutlined />} onClick={review}>{t('common.retry')}</Button>} />
        {/* What to fix, right here: each problem links to its place. */}
        <Card size="small" style={{ maxWidth: 720, margin: '0 auto' }} data-testid="publish-problems"><ProblemList /></Card>
      </div>
    );
  }
  if (stage.state === 'published') {
    const { result } = stage;
    return (
      <div>{title}
        <Result status="success" title={t('publish.done', { version: result.version })}
          subTitle={<>
            {t('publish.indexes', { created: result.indexes.created.length, pending: result.indexes.pending?.length ?? 0, dropped: result.indexes.dropped.length })}
            {stage.moved > 0 && <div>{t('publish.rolesMoved', { n: stage.moved })}</div>}
            {stage.moveError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('publish.rolesMoveFailed', { error: stage.moveError })} />}
          </>}
          extra={[
            <Button key="versions" onClick={() => navigate(tenantPath(tenant, 'versions'))}>{t('menu.versions')}</Button>,
            <Button key="app" type="primary" href={`/app/${tenant}`} target="_blank">{t('publish.openApp')}</Button>,
          ]} />
      </div>
    );
  }
  const { changes } = stage;
  const count = (c: MetaChange['classification']) => changes.filter((x) => x.classification === c).length;
  const destructive = count('destructive');
  const unresolved = changes.filter((c) => c.classification === 'migration' && !c.migration).length;
  return (
    <div>
      {title}
      <Typography.Paragraph type="secondary">{t('publish.intro', { version: live?.version ?? 0 })}</Typography.Paragraph>
      {changedSinceReview && (
        <Alert type="warning" showIcon title={t('publish.changedSinceReview')} closable onClose={() => setChangedSinceReview(false)}
          style={{ marginBottom: 12 }} data-testid="publish-draft-changed" />
      )}
      {codeText !== null && (
        <Alert type="warning" showIcon title={t('publish.codeNotJson')} style={{ marginBottom: 12 }}
          action={<Button size="small" onClick={() => navigate(tenantPath(tenant, 'code'))}>{t('menu.code')}</Button>} />
      )}
      {changes.length === 0 ? (
        <Card><EmptyState title={t('publish.nothing')} description={t('publish.nothingHelp')} /></Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space size={32}>
            <Statistic title={t('publish.safe')} value={count('safe')} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={t('publish.migration')} value={count('migration')} styles={{ content: { color: '#d48806' } }} />
            <Statistic title={t('publish.destructive')} value={destructive} styles={{ content: { color: '#cf1322' } }} />
          </Space>
          <ChangesTable changes={changes} onAddMigration={addMigration} />
          {migrations.length > 0 && (
            <Card size="small" title={t('publish.migrations')}>
              <List size="small" dataSource={migrations} renderItem={(m) => (
                <List.Item actions={[<Button key="x" size="small" icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => removeMigration(m)} />]}>{describeMigration(t, m, names)}</List.Item>
              )} />
            </Card>
          )}
          <MissingLabelsAlert />
          <LostRolesAlert {...lostRoles} />
          <StuckStagesAlert />
          <EmptyRolesAlert />
          {unresolved > 0 && <Alert type="warning" showIcon title={t('publish.unresolved', { n: unresolved })} />}
          {destructive > 0 && (
            <Alert type="error" showIcon title={t('publish.destructiveWarning', { n: destructive })}
              description={<Checkbox checked={confirm} onChange={(e) => setConfirm(e.target.checked)}>{t('publish.confirmDestructive')}</Checkbox>} />
          )}
          {unconvertible.length > 0 && <UnconvertibleAlert conversions={unconvertible} onClear={clearInvalid} />}
          {refusal && unconvertible.length === 0 && (
            <Alert type="error" showIcon title={refusal.title} closable onClose={() => setRefusal(null)} data-testid="publish-refused"
              description={<RefusalProblems errors={refusal.errors} />} />
          )}
          <Button type="primary" size="large" icon={<CloudUploadOutlined />} loading={busy} disabled={unresolved > 0 || (destructive > 0 && !confirm)} onClick={publish}>
            {t('publish.publish')}
          </Button>
        </Space>
      )}
    </div>
  );
}
