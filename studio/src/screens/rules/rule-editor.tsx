import { Alert, Button, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { AssignmentRuleDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { fieldChoiceLabel } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { everyoneReceives, holderRoles, onlyRole } from '../../document/rule-recipients.ts';
import { setAt } from '../../document/section-ops.ts';
import { sortableFields } from '../../document/sort-keys.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices, useRoleName } from '../../ui/choices.ts';
import { FilterInput } from '../../ui/filter-input.tsx';
import { Item } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { useObjectFilterFields, useUserFilterFields } from '../../ui/use-filter-fields.ts';
import { DryRunPanel } from './dry-run-panel.tsx';
import { RunsPanel } from './runs-panel.tsx';
import { poolChoices, poolOfObject, priorityNeighbours } from './rule-order.ts';

const matches = ['even', 'minVariance', 'roundRobin', 'weighted'] as const;

/** One assignment rule laid out like the strategy table: records, users, matching, priority, schedule. */
export function RuleEditor({ ruleKey }: { ruleKey: string }) {
  const { t, locale, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const rule = document.assignmentRules![ruleKey]!;
  const at = ptr('assignmentRules', ruleKey);
  const set = (path: string, value: unknown) => apply(setAt(`${at}/${path}`, value));
  const objects = useObjectChoices();
  const pools = poolChoices(document, rule.object, locale);
  const recordFields = useObjectFilterFields(rule.object);
  const userFields = useUserFilterFields();
  const order = priorityNeighbours(document, ruleKey);
  const ruleTitles = (keys: string[]) => keys.map((k) => label(document.assignmentRules?.[k]?.title, k)).join(', ');
  const sortable = useMemo(() => sortableFields(document, rule.object, { allowPaths: true }), [document, rule.object]);
  const date = (v: string | undefined) => (v ? dayjs(v) : null);
  const objectName = label(document.objects[rule.object]?.label, rule.object);
  const roleName = useRoleName();
  const holders = everyoneReceives(document, ruleKey) ? holderRoles(document, rule.object) : undefined;
  const row = (key: string, title: MessageKey, children: React.ReactNode) => ({ key, label: <strong>{t(title)}</strong>, children });
  return (
    <Form layout="vertical" component="div">
      <Descriptions bordered column={1} size="small" styles={{ label: { width: 170, verticalAlign: 'top' } }} items={[
        row('scope', 'rules.scope', (
          <Row gutter={12}>
            <Col xs={24} md={12}><Item pointer={`${at}/title`} label={t('rules.title')}><LabelInput value={rule.title} onChange={(v) => set('title', v)} /></Item></Col>
            <Col xs={12} md={6}>
              <Item pointer={`${at}/object`} label={t('common.object')}>
                <Select value={rule.object} options={objects} aria-label={t('common.object')} onChange={(object) => {
                  apply(setAt(at, { ...rule, object, records: {}, pool: poolOfObject(document, object), workOrderPriority: undefined } satisfies AssignmentRuleDefinition));
                }} />
              </Item>
            </Col>
            <Col xs={12} md={6}>
              <Item pointer={`${at}/pool`} label={t('rules.pool')} help={t('rules.poolHelp')}>
                <Select allowClear value={rule.pool} options={pools} onChange={(v) => set('pool', v)} aria-label={t('rules.pool')} />
              </Item>
            </Col>
            <Col span={24}><Space><Switch checked={rule.enabled !== false} onChange={(on) => set('enabled', on ? undefined : false)} aria-label={t('rules.enabled')} />{t('rules.enabled')}</Space></Col>
          </Row>
        )),
        row('records', 'rules.records', (
          <>
            <Typography.Paragraph type="secondary">{t('rules.recordsHelp')}</Typography.Paragraph>
            <FilterInput pointer={`${at}/records/include`} label={t('rules.include')} emptyMeaning={t('rules.includeEmpty')} value={rule.records?.include} fields={recordFields} onChange={(v) => set('records/include', v)} />
            <FilterInput pointer={`${at}/records/exclude`} label={t('rules.exclude')} help={t('rules.excludeHelp')} emptyMeaning={t('rules.excludeEmpty')} value={rule.records?.exclude} fields={recordFields} onChange={(v) => set('records/exclude', v)} />
          </>
        )),
        row('users', 'rules.users', (
          <>
            <Typography.Paragraph type="secondary">{t('rules.usersHelp')}</Typography.Paragraph>
            <FilterInput pointer={`${at}/users/where`} label={t('rules.usersWhere')} emptyMeaning={t('rules.usersWhereEmpty')} value={rule.users?.where} fields={userFields} onChange={(v) => set('users/where', v)} />
            {holders && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="everyone-receives" title={t('rules.everyone', { object: objectName })}
                description={holders.length === 0 ? t('rules.everyoneNoRole', { object: objectName }) : (
                  <Space wrap>{holders.slice(0, 3).map((role) => <Button key={role} size="small" onClick={() => set('users/where', onlyRole(role))}>{t('rules.everyoneFix', { role: roleName(role) })}</Button>)}</Space>
                )} />
            )}
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Item pointer={`${at}/users/maxPerDay`} label={t('rules.maxPerDay')} help={t('rules.maxPerDayHelp')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} value={rule.users?.maxPerDay} onChange={(v) => set('users/maxPerDay', v ?? undefined)} aria-label={t('rules.maxPerDay')} />
                </Item>
              </Col>
              <Col xs={24} md={12}>
                <Item pointer={`${at}/users/maxTotal`} label={t('rules.maxTotal')} help={t('rules.maxTotalHelp')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} value={rule.users?.maxTotal} onChange={(v) => set('users/maxTotal', v ?? undefined)} aria-label={t('rules.maxTotal')} />
                </Item>
              </Col>
            </Row>
          </>
        )),
        row('match', 'rules.match', (
          <Item pointer={`${at}/match`}>
            <Radio.Group value={rule.match} onChange={(e) => set('match', e.target.value)} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={matches.map((m) => ({ value: m, label: <span><strong>{t(`rules.match.${m}`)}</strong> — <Typography.Text type="secondary">{t(`rules.match.${m}Help`)}</Typography.Text></span> }))} />
          </Item>
        )),
        row('priority', 'rules.priority', (
          <Item pointer={`${at}/priority`} help={t('rules.priorityHelp', { after: ruleTitles(order.after) || '—', before: ruleTitles(order.before) || '—' })}>
            <InputNumber min={0} max={100000} precision={0} value={rule.priority} onChange={(v) => set('priority', v ?? undefined)} aria-label={t('rules.priority')} />
          </Item>
        )),
        row('schedule', 'rules.schedule', (
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/schedule`} label={t('rules.cron')} help={t('rules.cronHelp')}>
                <Input value={rule.schedule} onChange={(e) => set('schedule', e.target.value)} placeholder="0 8 * * 1-5" style={{ fontFamily: 'monospace' }} aria-label={t('rules.cron')} />
              </Item>
            </Col>
            <Col xs={12} md={8}>
              <Item pointer={`${at}/activeFrom`} label={t('rules.activeFrom')}>
                <DatePicker value={date(rule.activeFrom)} onChange={(d) => set('activeFrom', d ? d.format('YYYY-MM-DD') : undefined)} style={{ width: '100%' }} aria-label={t('rules.activeFrom')} />
              </Item>
            </Col>
            <Col xs={12} md={8}>
              <Item pointer={`${at}/activeUntil`} label={t('rules.activeUntil')}>
                <DatePicker value={date(rule.activeUntil)} onChange={(d) => set('activeUntil', d ? d.format('YYYY-MM-DD') : undefined)} style={{ width: '100%' }} aria-label={t('rules.activeUntil')} />
              </Item>
            </Col>
          </Row>
        )),
        row('workOrders', 'rules.workOrderPriority', (
          <Item pointer={`${at}/workOrderPriority`} help={t('rules.workOrderPriorityHelp')} under>
            <Space wrap>
              <Select allowClear style={{ minWidth: 260 }} value={rule.workOrderPriority?.field} aria-label={t('rules.workOrderPriority')} showSearch={{ optionFilterProp: 'label' }}
                options={sortable.map((f) => ({ value: f.key, label: fieldChoiceLabel(f.label, f.key, locale) }))} onChange={(field) => set('workOrderPriority', field ? { field, order: rule.workOrderPriority?.order ?? 'desc' } : undefined)} />
              <Radio.Group disabled={!rule.workOrderPriority} value={rule.workOrderPriority?.order ?? 'desc'} onChange={(e) => set('workOrderPriority/order', e.target.value)}
                options={[{ value: 'desc', label: t('common.desc') }, { value: 'asc', label: t('common.asc') }]} />
            </Space>
          </Item>
        )),
      ]} />
      <DryRunPanel ruleKey={ruleKey} />
      <RunsPanel ruleKey={ruleKey} />
    </Form>
  );
}
