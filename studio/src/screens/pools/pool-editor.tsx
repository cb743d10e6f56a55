import { Alert, Button, Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { PoolDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { poolWhereFields } from '../../document/filter-field-info.ts';
import { ptr } from '../../document/json-pointer.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useFieldChoices, useRoleChoices } from '../../ui/choices.ts';
import { FilterInput } from '../../ui/filter-input.tsx';
import { Item } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { useObjectFilterFields, useUserFilterFields } from '../../ui/use-filter-fields.ts';
import { ExtensionEditor, TimeZoneSelect, VisitEditor } from './pool-parts.tsx';
import { unreachablePools } from './pool-order.ts';
import { keepWon, wonReleased } from './won-release.ts';
import { ReleaseReasonsEditor } from './release-reasons-editor.tsx';

const numbers = ['maxPerOwner', 'maxClaimsPerDay', 'holdDays', 'releaseIfNoVisitDays', 'releaseIfNotWonDays', 'reclaimCooldownDays', 'warnDaysBefore'] as const;

/** Every pool parameter, each with what it does to a BD's day. */
export function PoolEditor({ poolKey }: { poolKey: string }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const pool = document.pools![poolKey]!;
  const at = ptr('pools', poolKey);
  const set = (path: string, value: unknown) => apply(setAt(`${at}/${path}`, value));
  const roles = useRoleChoices();
  const fields = useFieldChoices(pool.object);
  const recordFields = useObjectFilterFields(pool.object);
  const whereFields = useMemo(() => poolWhereFields(recordFields), [recordFields]);
  const userFields = useUserFilterFields();
  const shadowedBy = unreachablePools(document.pools!).get(poolKey);
  const won = wonReleased(document, poolKey);
  const stageNames = (keys: string[]) => {
    const stages = Object.values(document.pipelines ?? {}).find((p) => p.object === pool.object)?.stages ?? [];
    return keys.map((k) => label(stages.find((s) => s.key === k)?.label, k)).join('、');
  };
  const adminRoles = pool.admins ? (Array.isArray(pool.admins.roles) ? pool.admins.roles : [pool.admins.roles]) : [];
  return (
    <Form layout="vertical" component="div">
      {shadowedBy && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="pool-unreachable"
          title={t('pools.unreachable', { pool: label(document.pools![shadowedBy]!.label, shadowedBy), object: label(document.objects[pool.object]?.label, pool.object) })} />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/object`} label={t('common.object')}>
            <Typography.Text strong>{label(document.objects[pool.object]?.label, pool.object)}</Typography.Text> <Typography.Text code>{pool.object}</Typography.Text>
          </Item>
        </Col>
        <Col xs={24} md={16}>
          <Item pointer={`${at}/label`} label={t('common.label')}><LabelInput value={pool.label} onChange={(v) => set('label', v)} /></Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('pools.limits')}</Divider>
      <Row gutter={16}>
        {numbers.map((prop) => (
          <Col xs={24} md={12} xl={8} key={prop}>
            <Item pointer={`${at}/${prop}`} label={t(`pools.${prop}` as MessageKey)} help={t(`pools.${prop}Help` as MessageKey)}>
              <InputNumber aria-label={t(`pools.${prop}` as MessageKey)} min={0} max={100000} precision={0} style={{ width: '100%' }} value={pool[prop as keyof PoolDefinition] as number | undefined}
                onChange={(v) => set(prop, v ?? undefined)} suffix={prop.endsWith('Days') || prop === 'warnDaysBefore' ? t('pools.days') : undefined} />
            </Item>
          </Col>
        ))}
      </Row>
      <ExtensionEditor pool={pool} at={at} set={set} />
      <ReleaseReasonsEditor pool={pool} poolKey={poolKey} at={at} set={set} />
      <Divider titlePlacement="start">{t('pools.who')}</Divider>
      <FilterInput pointer={`${at}/where`} label={t('pools.where')} help={t('pools.whereHelp')} emptyMeaning={t('pools.whereEmpty')} value={pool.where} onChange={(v) => set('where', v)} fields={whereFields} />
      <FilterInput pointer={`${at}/members`} label={t('pools.members')} help={t('pools.membersHelp')} emptyMeaning={t('pools.membersEmpty')} value={pool.members} onChange={(v) => set('members', v)} fields={userFields} />
      {won && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="pool-won-released"
          title={t('pools.wonReleased', { object: label(document.objects[pool.object]?.label, pool.object), stages: stageNames(won.stages) })}
          action={<Button size="small" onClick={() => apply(keepWon(poolKey, won))}>{t('pools.keepWon')}</Button>} />
      )}
      <FilterInput pointer={`${at}/exempt`} label={t('pools.exempt')} help={t('pools.exemptHelp')} emptyMeaning={t('pools.exemptEmpty')} value={pool.exempt} onChange={(v) => set('exempt', v)} fields={recordFields} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Item pointer={`${at}/admins/roles`} label={t('pools.admins')} help={t('pools.adminsHelp')}>
            <Select mode="multiple" allowClear value={adminRoles} options={roles} aria-label={t('pools.admins')}
              onChange={(v: string[]) => set('admins', v.length === 0 ? undefined : { roles: v.length === 1 ? v[0] : v })} />
          </Item>
        </Col>
        <Col xs={24} md={12}>
          <Item pointer={`${at}/hiddenWhilePublic`} label={t('pools.hiddenWhilePublic')} help={t('pools.hiddenWhilePublicHelp')} under>
            <Select mode="multiple" allowClear value={pool.hiddenWhilePublic ?? []} options={fields} onChange={(v) => set('hiddenWhilePublic', v)} aria-label={t('pools.hiddenWhilePublic')} />
          </Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t('pools.time')}</Divider>
      <VisitEditor pool={pool} poolKey={poolKey} at={at} set={set} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Item pointer={`${at}/timeZone`} label={t('settings.timeZone')} help={t('pools.timeZoneHelp')}>
            <TimeZoneSelect value={pool.timeZone} onChange={(v) => set('timeZone', v)} />
          </Item>
        </Col>
        <Col xs={24} md={12}>
          <Item pointer={`${at}/sweepSchedule`} label={t('pools.sweepSchedule')} help={t('pools.sweepScheduleHelp')}>
            <Input value={pool.sweepSchedule} onChange={(e) => set('sweepSchedule', e.target.value)} placeholder="*/15 * * * *" style={{ fontFamily: 'monospace' }} aria-label={t('pools.sweepSchedule')} />
          </Item>
        </Col>
      </Row>
    </Form>
  );
}
