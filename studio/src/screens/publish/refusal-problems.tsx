import { Typography } from 'antd';
import type { ProblemItem } from '../../api/studio-api.ts';
import type { DataMigration } from '../../document/migrations.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot } from '../../state/studio-context.tsx';
import { useProblemMessage } from '../../ui/use-problem-message.ts';
import { describeMigration, migrationNames } from './change-words.ts';

/**
 * The problems a refused publish or rollback names, in the UI language, with the records they
 * affect: each at its path, or, for a data migration's problem (/migrations/0/to), after the
 * migration in words. `migrations` are the ones sent (the draft's pending ones unless given).
 */
export function RefusalProblems({ errors, migrations }: { errors: ProblemItem[]; migrations?: DataMigration[] }) {
  const { t, locale } = useI18n();
  const { draft, live } = useSnapshot();
  const sent = migrations ?? draft.migrations;
  const words = useProblemMessage(sent);
  const names = migrationNames([draft.document, live?.document], locale);
  const where = (path: string) => {
    const index = /^\/migrations\/(\d+)(\/|$)/.exec(path);
    const migration = index ? sent[Number(index[1])] : undefined;
    return migration ? <Typography.Text strong>{describeMigration(t, migration, names)}</Typography.Text> : <Typography.Text code>{path || '/'}</Typography.Text>;
  };
  return <ul style={{ margin: 0 }}>{errors.map((e, i) => <li key={i}>{where(e.path)} {words(e.message, e.path)}{typeof e.affectedRecords === 'number' ? ` (${t('publish.records', { n: e.affectedRecords })})` : ''}</li>)}</ul>;
}
