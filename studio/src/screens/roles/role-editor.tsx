import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Switch, Table, Tooltip, Typography } from 'antd';
import { recordActions } from '../../../../platform/access/actions.ts';
import type { RoleRule } from '../../../../platform/metadata/metadata-types.ts';
import { listedRoleRules, roleLabel, roleRules, roleRulesPath } from '../../../../platform/metadata/role-definition.ts';
import { ptr } from '../../document/json-pointer.ts';
import { itemName } from '../../document/item-names.ts';
import { grantMatrix, poolBlindRoles, publicPoolRule } from '../../document/role-grants.ts';
import { appendAt, setFullAccess, setRoleLabel } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { Item } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { RoleRulesTable } from './role-rules-table.tsx';

/** One role: full access, or rules (objects × actions, with conditions and field allowlists). */
export function RoleEditor({ roleKey }: { roleKey: string }) {
  const { t, label, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const role = document.roles![roleKey]!;
  const at = ptr('roles', roleKey);
  // A named role keeps its rules under `rules` ({ label, rules }), a plain one is the list itself.
  const rulesAt = ptr('roles', roleKey, ...roleRulesPath(role));
  const all = roleRules(role) === 'all';
  const rules = listedRoleRules(role);
  const matrix = grantMatrix(rules);
  const objects = Object.keys(document.objects);
  // A new rule starts on an object the role has no rule for yet (the likelier next one), not always the first.
  const covered = new Set(rules.flatMap((r) => (Array.isArray(r.object) ? r.object : [r.object])));
  const uncovered = objects.find((o) => !covered.has(o));
  const blind = poolBlindRoles(document).filter((b) => b.role === roleKey);
  return (
    <Form layout="vertical" component="div">
      <Item pointer={`${at}/label`} label={t('roles.name')} help={t('roles.nameHelp')}>
        <LabelInput value={roleLabel(role)} onChange={(next) => apply(setRoleLabel(roleKey, next))} />
      </Item>
      <Item pointer={at} label={t('roles.fullAccess')} help={t('roles.fullAccessHelp')}>
        <Switch checked={all} aria-label={t('roles.fullAccess')} disabled={roleKey === 'admin'} onChange={(on) => apply(setFullAccess(roleKey, on))} />
      </Item>
      {roleKey === 'admin' && <Alert type="info" showIcon title={t('roles.adminNote')} style={{ marginBottom: 16 }} />}
      {!all && (
        <>
          <Typography.Title level={5}>{t('roles.rulesTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('roles.rulesHelp')}</Typography.Paragraph>
          <RoleRulesTable rulesAt={rulesAt} rules={rules} />
          {blind.map((b) => (
            <Alert key={b.object} type="warning" showIcon style={{ marginTop: 12 }} data-testid="pool-blind"
              title={t('roles.poolBlind', { role: itemName({ section: 'roles', key: roleKey }, [document], locale), object: label(document.objects[b.object]?.label, b.object), pool: itemName({ section: 'pools', key: b.pool }, [document], locale) })}
              action={<Button size="small" onClick={() => apply(appendAt(rulesAt, publicPoolRule(b.object)))}>{t('roles.poolBlindFix')}</Button>} />
          ))}
          <Button icon={<PlusOutlined />} style={{ margin: '12px 0 24px' }} disabled={objects.length === 0}
            onClick={() => apply(appendAt(rulesAt, { object: uncovered ?? objects[0]!, actions: ['read'] } satisfies RoleRule))}>
            {t('roles.addRule')}
          </Button>
          <Typography.Title level={5}>{t('roles.summary')}</Typography.Title>
          <Table size="small" pagination={false} rowKey="object" scroll={{ x: true }} dataSource={objects.map((object) => ({ object }))}
            columns={[
              { title: t('common.object'), key: 'object', render: (_: unknown, r: { object: string }) => label(document.objects[r.object]?.label, r.object) },
              ...recordActions.map((action) => ({
                title: t(`action.${action}`), key: action, align: 'center' as const,
                render: (_: unknown, r: { object: string }) => {
                  const grant = matrix[r.object]?.[action];
                  if (!grant) return <span aria-label={t('roles.denied')} style={{ color: '#ccc' }}>·</span>;
                  return grant === 'all' ? <span aria-label={t('roles.allRecords')} style={{ color: '#389e0d' }}>✓</span> : <Tooltip title={t('roles.someRecords')}><span aria-label={t('roles.someRecords')} style={{ color: '#d48806' }}>◐</span></Tooltip>;
                },
              })),
            ]} />
        </>
      )}
    </Form>
  );
}
