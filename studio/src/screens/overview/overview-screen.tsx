import { Button, Card, Col, Descriptions, List, Row, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { navigate, tenantPath } from '../../app/router.ts';
import type { MetaChange } from '../../api/studio-api.ts';
import type { ScreenKey } from '../../document/pointer-route.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio, useTenantTime } from '../../state/studio-context.tsx';
import { localeChoices } from '../../ui/choices.ts';
import { EmptyState } from '../../ui/empty-state.tsx';

function SectionCard({ screen, title, keys, name = (key) => key, describe }: { screen: ScreenKey; title: string; keys: string[]; name?: (key: string) => string; describe?: (key: string) => string }) {
  const { t } = useI18n();
  const { tenant } = useStudio();
  const href = (key?: string) => tenantPath(tenant, key ? `${screen}/${key}` : screen);
  return (
    <Card size="small" title={<a href={href()} onClick={(e) => { e.preventDefault(); navigate(href()); }}>{title}</a>} extra={<Tag>{keys.length}</Tag>} style={{ height: '100%' }}>
      <List size="small" dataSource={keys} locale={{ emptyText: t('overview.none') }}
        renderItem={(key) => (
          <List.Item style={{ padding: '4px 0' }}>
            <span>
              <a href={href(key)} onClick={(e) => { e.preventDefault(); navigate(href(key)); }}>{name(key)}</a>
              {name(key) !== key && <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>{key}</Typography.Text>}
            </span>
            {describe && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{describe(key)}</Typography.Text>}
          </List.Item>
        )} />
    </Card>
  );
}

/** The tenant at a glance: what the draft contains, what is live, what is waiting to be published. */
export function OverviewScreen() {
  const { t, label } = useI18n();
  const { tenant, api } = useStudio();
  const { draft, live, save } = useSnapshot();
  const when = useTenantTime();
  const document = draft.document;
  const [pending, setPending] = useState<MetaChange[] | null>(null);
  useEffect(() => {
    if (save !== 'saved') return;
    api.diff(draft.migrations).then((r) => setPending(r.changes), () => setPending(null));
  }, [api, save, draft.migrations]);
  const objects = Object.keys(document.objects);
  const count = (record: object | undefined) => Object.keys(record ?? {});
  const objectName = (key: string) => label(document.objects[key]?.label, key);
  const fieldCount = (key: string) => t('overview.fields', { n: Object.keys(document.objects[key]?.fields ?? {}).length });
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{document.name || tenant}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('overview.liveVersion')} value={live ? `v${live.version}` : '—'} /></Card></Col>
        <Col xs={24} md={8}><Card size="small"><Statistic title={t('overview.publishedAt')} value={live ? when(live.publishedAt) : '—'} /></Card></Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('overview.pending')} value={pending === null ? '…' : pending.length} />
            {pending && pending.length > 0 && <Button type="link" style={{ padding: 0 }} onClick={() => navigate(tenantPath(tenant, 'publish'))}>{t('publish.review')}</Button>}
          </Card>
        </Col>
      </Row>
      {objects.length === 0 ? (
        <Card style={{ marginTop: 16 }}>
          <EmptyState title={t('overview.emptyTitle')} description={t('overview.emptyText')}
            action={<Button type="primary" onClick={() => navigate(`${tenantPath(tenant, 'objects')}?add=object`)}>{t('overview.start')}</Button>} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={8}><SectionCard screen="objects" title={t('menu.objects')} keys={objects} name={objectName} describe={fieldCount} /></Col>
          <Col xs={24} md={8}><SectionCard screen="pipelines" title={t('menu.pipelines')} keys={count(document.pipelines)} name={(k) => label(document.pipelines?.[k]?.label, k)} describe={(k) => objectName(document.pipelines?.[k]?.object ?? '')} /></Col>
          <Col xs={24} md={8}><SectionCard screen="pools" title={t('menu.pools')} keys={count(document.pools)} name={(k) => label(document.pools?.[k]?.label, k)} describe={(k) => objectName(document.pools?.[k]?.object ?? '')} /></Col>
          <Col xs={24} md={8}><SectionCard screen="roles" title={t('menu.roles')} keys={count(document.roles)} /></Col>
          <Col xs={24} md={8}><SectionCard screen="rules" title={t('menu.rules')} keys={count(document.assignmentRules)} name={(k) => label(document.assignmentRules?.[k]?.title, k)} describe={(k) => objectName(document.assignmentRules?.[k]?.object ?? '')} /></Col>
          <Col xs={24} md={8}><SectionCard screen="views" title={t('menu.views')} keys={count(document.views)} name={(k) => label(document.views?.[k]?.label, k)} describe={(k) => objectName(document.views?.[k]?.object ?? '')} /></Col>
          <Col xs={24} md={8}><SectionCard screen="layouts" title={t('menu.layouts')} keys={count(document.layouts)} name={objectName} /></Col>
        </Row>
      )}
      <Descriptions size="small" style={{ marginTop: 16 }} column={1} items={[
        { key: 'locale', label: t('settings.locale'), children: localeChoices.find((c) => c.value === document.locale)?.label ?? document.locale ?? '—' },
        { key: 'tz', label: t('settings.timeZone'), children: document.timeZone ?? '—' },
        { key: 'components', label: t('settings.components'), children: document.components?.enabled.join(', ') ?? t('settings.allComponents') },
      ]} />
    </div>
  );
}
