import { Drawer, List, Typography } from 'antd';
import { navigate, tenantPath } from '../app/router.ts';
import { describeTarget } from '../document/item-names.ts';
import { pointerTarget, targetRoute } from '../document/pointer-route.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';
import { useProblemMessage } from './use-problem-message.ts';

/** Every problem the server found in the draft, each a link to the form item it points at (`onFollow` runs before it is followed). */
export function ProblemList({ onFollow }: { onFollow?: () => void }) {
  const { t, locale } = useI18n();
  const { tenant } = useStudio();
  const { problems, draft, live } = useSnapshot();
  const words = useProblemMessage();
  return (
    <List
      dataSource={problems}
      locale={{ emptyText: t('problems.none') }}
      renderItem={(problem) => {
        const target = pointerTarget(problem.path);
        const href = tenantPath(tenant, targetRoute(target));
        return (
          <List.Item>
            <List.Item.Meta
              title={<a href={href} onClick={(e) => { e.preventDefault(); onFollow?.(); navigate(href); }}>{describeTarget(t, target, [draft.document, live?.document], locale)}</a>}
              description={<><Typography.Text type="danger">{words(problem.message, problem.path)}</Typography.Text><br /><Typography.Text code style={{ fontSize: 11 }}>{problem.path || '/'}</Typography.Text></>}
            />
          </List.Item>
        );
      }}
    />
  );
}

/** The draft's problems in a drawer (opened from the save status). */
export function ProblemsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { problems } = useSnapshot();
  return (
    <Drawer open={open} onClose={onClose} title={t('problems.title', { n: problems.length })} size={480}>
      <ProblemList onFollow={onClose} />
    </Drawer>
  );
}
