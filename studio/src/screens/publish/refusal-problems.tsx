import { Typography } from 'antd';
import type { ProblemItem } from '../../api/studio-api.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useProblemMessage } from '../../ui/use-problem-message.ts';

/** The problems a refused publish or rollback names: each at its path, in the UI language, with the records it affects. */
export function RefusalProblems({ errors }: { errors: ProblemItem[] }) {
  const t = useT();
  const words = useProblemMessage();
  return <ul style={{ margin: 0 }}>{errors.map((e, i) => <li key={i}><Typography.Text code>{e.path || '/'}</Typography.Text> {words(e.message)}{typeof e.affectedRecords === 'number' ? ` (${t('publish.records', { n: e.affectedRecords })})` : ''}</li>)}</ul>;
}
