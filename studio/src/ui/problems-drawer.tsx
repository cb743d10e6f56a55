import { Drawer, List, Typography } from 'antd';
import { navigate, tenantPath } from '../app/router.ts';
import { pointerTarget, targetRoute, type FormTarget } from '../document/pointer-route.ts';
import { useT, type Translate } from '../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../state/studio-context.tsx';

export function describeTarget(t: Translate, target: FormTarget): string {
  const parts: string[] = [t(`menu.${target.screen}`)];
  if (target.key !== undefined) parts.push(target.key);
  if (target.element !== undefined) parts.push(target.element);
  if (target.index !== undefined) parts.push(`#${target.index + 1}`);
  if (target.prop !== undefined) parts.push(target.prop);
  return parts.join(' › ');
}

/** Every problem the server found in the draft, each a link to the form item it points at. */
export function ProblemsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { tenant } = useStudio();
  const { problems } = useSnapshot();
  return (
    <Drawer open={open} onClose={onClose} title={t('problems.title', { n: problems.length })} size={480}>
      <List
        dataSource={problems}
        locale={{ emptyText: t('problems.none') }}
        renderItem={(problem) => {
          const target = pointerTarget(problem.path);
          const href = tenantPath(tenant, targetRoute(target));
          return (
            <List.Item>
              <List.Item.Meta
                title={<a href={href} onClick={(e) => { e.preventDefault(); onClose(); navigate(href); }}>{describeTarget(t, target)}</a>}
                description={<><Typography.Text type="danger">{problem.message}</Typography.Text><br /><Typography.Text code style={{ fontSize: 11 }}>{problem.path || '/'}</Typography.Text></>}
              />
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}
