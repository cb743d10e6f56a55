import { DeleteOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Row, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { recordActions } from '../../../../platform/access/actions.ts';
import type { RoleRule } from '../../../../platform/metadata/metadata-types.ts';
import { toggleAction } from '../../document/role-grants.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply } from '../../state/studio-context.tsx';
import { useFieldChoices, useObjectChoices } from '../../ui/choices.ts';
import { FilterInput } from '../../ui/filter-input.tsx';
import { Item, ProblemText } from '../../ui/item.tsx';
import { narrowColumn } from '../../ui/narrow-column.tsx';
import { useObjectFilterFields } from '../../ui/use-filter-fields.ts';

function RuleDetails({ rulesAt, rule, index }: { rulesAt: string; rule: RoleRule; index: number }) {
  const { t } = useI18n();
  const apply = useApply();
  const at = `${rulesAt}/${index}`;
  const first = Array.isArray(rule.object) ? rule.object[0] : rule.object;
  const filterFields = useObjectFilterFields(first);
  const fields = useFieldChoices(first);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <FilterInput pointer={`${at}/where`} label={t('roles.condition')} help={t('roles.conditionHelp')} emptyMeaning={t('roles.conditionEmpty')} value={rule.where} allowVariables fields={filterFields}
          onChange={(v) => apply(setAt(`${at}/where`, v))} />
      </Col>
      <Col xs={24} lg={10}>
        <Item pointer={`${at}/fields`} label={t('roles.fields')} help={t('roles.fieldsHelp')} under>
          <Select mode="multiple" allowClear value={rule.fields ?? []} options={fields} placeholder={t('roles.allFields')} aria-label={t('roles.fieldsOf', { n: index + 1 })}
            onChange={(v) => apply(setAt(`${at}/fields`, v))} />
        </Item>
      </Col>
    </Row>
  );
}

/**
 * Column widths: together (818 px) no wider than the rules of a role on a 1440 px window (839 px
 * in the role's card; 822 with a page scrollbar), where 领取, 释放 and the rest scrolled out of
 * sight; wider windows stretch them, narrower ones scroll (the objects stay pinned).
 */
const ruleColumnWidths = { expand: 40, object: 170, action: 52, remove: 36 } as const;
const tableWidth = ruleColumnWidths.expand + ruleColumnWidths.object + recordActions.length * ruleColumnWidths.action + ruleColumnWidths.remove;

/** The rules of a role (the list at pointer `rulesAt`) as a matrix: one row per rule, objects × action checkboxes, conditions below. */
export function RoleRulesTable({ rulesAt, rules }: { rulesAt: string; rules: RoleRule[] }) {
  const { t } = useI18n();
  const apply = useApply();
  const objects = useObjectChoices();
  const [collapsed, setCollapsed] = useState<number[]>([]);
  const at = (i: number) => `${rulesAt}/${i}`;
  const write = (i: number, rule: RoleRule) => apply(setAt(at(i), rule));
  const remove = (i: number) => apply(setAt(rulesAt, rules.filter((_, j) => j !== i)));
  const rows = rules.map((rule, index) => ({ rule, index }));
  return (
    <Table size="small" pagination={false} rowKey="index" dataSource={rows} scroll={{ x: tableWidth }}
      expandable={{
        columnWidth: ruleColumnWidths.expand,
        expandedRowKeys: rows.map((r) => r.index).filter((i) => !collapsed.includes(i)),
        onExpand: (open, r) => setCollapsed((c) => (open ? c.filter((i) => i !== r.index) : [...c, r.index])),
        expandedRowRender: (r) => <RuleDetails rulesAt={rulesAt} rule={r.rule} index={r.index} />,
      }}
      columns={[
        {
          title: t('roles.objects'), key: 'object', width: ruleColumnWidths.object, fixed: 'left' as const,
          render: (_: unknown, { rule, index }: (typeof rows)[number]) => (
            <div data-pointer={`${at(index)}/object`}>
              <Select mode="multiple" style={{ width: '100%' }} value={Array.isArray(rule.object) ? rule.object : [rule.object]} options={objects} aria-label={t('roles.objectsOf', { n: index + 1 })}
                onChange={(v: string[]) => v.length > 0 && write(index, { ...rule, object: v.length === 1 ? v[0]! : v })} />
              <ProblemText pointer={at(index)} />
              <ProblemText pointer={`${at(index)}/object`} under />
              {(rule.where || rule.fields) && <Tag color="gold" style={{ marginTop: 4 }}>{t('roles.conditional')}</Tag>}
            </div>
          ),
        },
        ...recordActions.map((action) => ({
          ...narrowColumn(t(`action.${action}`)), key: action, align: 'center' as const, width: ruleColumnWidths.action,
          render: (_: unknown, { rule, index }: (typeof rows)[number]) => (
            <Checkbox aria-label={t('roles.allow', { action: t(`action.${action}`), n: index + 1 })} checked={rule.actions.includes(action)}
              onChange={(e) => write(index, toggleAction(rule, action, e.target.checked, recordActions))} />
          ),
        })),
        {
          key: 'remove', width: ruleColumnWidths.remove,
          render: (_: unknown, { index }: (typeof rows)[number]) => (
            <>
              <Button danger size="small" icon={<DeleteOutlined />} aria-label={t('roles.removeRule', { n: index + 1 })} onClick={() => remove(index)} />
              <ProblemText pointer={`${at(index)}/actions`} under />
            </>
          ),
        },
      ]} />
  );
}
