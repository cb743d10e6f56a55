import { PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Checkbox, Col, InputNumber, Row, Select, Switch } from 'antd';
import type { PoolDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { addVisitObject, visitObjectPlan } from '../../document/visit-object.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useObjectChoices, fieldChoices } from '../../ui/choices.ts';
import { Item } from '../../ui/item.tsx';

interface PartProps {
  pool: PoolDefinition;
  at: string;
  set: (path: string, value: unknown) => void;
}

const zones = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
  }
})();

/** An IANA time zone, typed or picked. */
export function TimeZoneSelect({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useI18n();
  return (
    <AutoComplete value={value} onChange={(v) => onChange(v || undefined)} aria-label={t('settings.timeZone')} placeholder="Asia/Shanghai" allowClear
      options={zones.filter((z) => !value || z.toLowerCase().includes(value.toLowerCase())).slice(0, 50).map((z) => ({ value: z }))} />
  );
}

/** Hold extensions: how many days, how often, and who may extend. */
export function ExtensionEditor({ pool, at, set }: PartProps) {
  const { t } = useI18n();
  const extension = pool.extension;
  const patch = (change: Partial<NonNullable<PoolDefinition['extension']>>) => set('extension', { ...extension!, ...change });
  return (
    <Item pointer={`${at}/extension`} label={t('pools.extension')} help={t('pools.extensionHelp')} under>
      <Row gutter={12} align="middle">
        <Col><Switch checked={Boolean(extension)} aria-label={t('pools.extension')} onChange={(on) => set('extension', on ? { days: 15, maxTimes: 1, by: ['owner', 'manager'] } : undefined)} /></Col>
        {extension && (
          <>
            <Col><InputNumber aria-label={t('pools.extensionDays')} min={1} max={365} precision={0} value={extension.days} onChange={(v) => patch({ days: v ?? 1 })} prefix={t('pools.extensionDays')} suffix={t('pools.days')} style={{ width: 150 }} /></Col>
            <Col><InputNumber aria-label={t('pools.extensionTimes')} min={0} max={100} precision={0} value={extension.maxTimes} onChange={(v) => patch({ maxTimes: v ?? 0 })} prefix={t('pools.extensionTimes')} style={{ width: 120 }} /></Col>
            <Col>
              <Checkbox.Group value={extension.by ?? []} onChange={(v) => patch({ by: v as Array<'owner' | 'manager' | 'admin'> })}
                options={(['owner', 'manager', 'admin'] as const).map((b) => ({ value: b, label: t(`pools.by.${b}`) }))} />
            </Col>
          </>
        )}
      </Row>
    </Item>
  );
}

/** Which records count as visits: object, its lookup to the pooled record, and its time field. */
export function VisitEditor({ pool, poolKey, at, set }: PartProps & { poolKey: string }) {
  const { t, locale, label } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const { message } = App.useApp();
  const objects = useObjectChoices().filter((o) => Object.values(document.objects[o.value]?.fields ?? {}).some((f) => f.type === 'lookup' && f.object === pool.object));
  const visit = pool.visit;
  const links = fieldChoices(document, visit?.object, locale, { filter: (type) => type === 'lookup' }).filter((c) => document.objects[visit?.object ?? '']?.fields[c.value]?.object === pool.object);
  const times = fieldChoices(document, visit?.object, locale, { filter: (type) => type === 'date' || type === 'datetime' });
  const choose = (object: string | undefined) => {
    if (!object) {
      set('visit', undefined);
      return;
    }
    const fields = Object.entries(document.objects[object]?.fields ?? {});
    const field = fields.find(([, f]) => f.type === 'lookup' && f.object === pool.object)?.[0] ?? '';
    const time = fields.find(([, f]) => f.type === 'datetime' || f.type === 'date')?.[0] ?? '';
    set('visit', { object, field, at: time });
  };
  // No object links to the pool's records: one click adds a visit object for them and selects it.
  const createVisitObject = () => {
    const plan = visitObjectPlan(document, poolKey);
    if (!plan) return;
    apply(addVisitObject(poolKey));
    const object = label(document.objects[pool.object]?.label, pool.object);
    void message.success(t(plan.roles.length > 0 ? 'pools.visitCreatedRoles' : 'pools.visitCreated', { object, roles: plan.roles.join('、') }));
  };
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Item pointer={`${at}/visit/object`} label={t('pools.visitObject')} help={objects.length === 0 ? t('pools.noVisitObject') : t('pools.visitHelp')}>
          {objects.length === 0
            ? <Button icon={<PlusOutlined />} onClick={createVisitObject}>{t('pools.createVisitObject')}</Button>
            : <Select allowClear value={visit?.object} options={objects} onChange={choose} aria-label={t('pools.visitObject')} />}
        </Item>
      </Col>
      <Col xs={24} md={8}>
        <Item pointer={`${at}/visit/field`} label={t('pools.visitField')}>
          <Select disabled={!visit} value={visit?.field || undefined} options={links} onChange={(v) => set('visit', { ...visit!, field: v })} aria-label={t('pools.visitField')} />
        </Item>
      </Col>
      <Col xs={24} md={8}>
        <Item pointer={`${at}/visit/at`} label={t('pools.visitAt')}>
          <Select disabled={!visit} value={visit?.at || undefined} options={times} onChange={(v) => set('visit', { ...visit!, at: v })} aria-label={t('pools.visitAt')} />
        </Item>
      </Col>
    </Row>
  );
}
