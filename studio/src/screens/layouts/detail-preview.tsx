import { Alert, Card, Col, Row, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DetailComponent } from '../../../../platform/metadata/metadata-types.ts';
import { detailPage } from '../../document/detail-page.ts';
import { fieldName } from '../../document/field-names.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';
import { ChartPlaceholder } from './chart-placeholder.tsx';
import { useDetailComponentName } from './detail-component-name.ts';

/** The record's page as the app assembles it from the layout's detail components. */
export function DetailPreview({ object }: { object: string }) {
  const { t, label, locale } = useI18n();
  const document = useDocument();
  const name = useDetailComponentName();
  const page = detailPage(document, object);
  const fields = document.objects[object]?.fields ?? {};

  // What a component shows beyond its name: the stages, the form's fields, what a chart draws.
  const body = (component: DetailComponent): ReactNode => {
    if (component === 'stageBar') {
      const stage = Object.values(fields).find((f) => f.type === 'stage');
      const stages = document.pipelines?.[stage?.pipeline ?? '']?.stages ?? [];
      return <Space wrap size={4}>{stages.map((s, i) => <Tag key={s.key} color={i === 0 ? 'blue' : undefined}>{label(s.label, s.key)}</Tag>)}</Space>;
    }
    if (component === 'form') {
      const sections = document.layouts?.[object]?.form?.sections ?? [{ fields: Object.keys(fields) }];
      return sections.map((section, i) => (
        <div key={i} style={{ marginBottom: 4 }}>
          {section.title !== undefined && <Typography.Text strong>{label(section.title)} </Typography.Text>}
          {section.fields.map((f) => <Tag key={f}>{fieldName(document, object, f, locale)}</Tag>)}
        </div>
      ));
    }
    if (typeof component === 'object' && 'chart' in component) return <ChartPlaceholder object={object} chart={component.chart} />;
    return null;
  };
  const card = (component: DetailComponent, i: number) => {
    const content = body(component);
    return (
      <Card key={i} size="small" style={{ marginBottom: 8 }} styles={{ title: { whiteSpace: 'normal' }, ...(content ? {} : { body: { display: 'none' } }) }}
        title={typeof component === 'object' && component.label ? label(component.label) : name(component)}>
        {content}
      </Card>
    );
  };
  return (
    <>
      <Alert type="info" showIcon title={page.declared ? t('layouts.detailPreviewHelp') : t('layouts.detailDefault')} style={{ marginBottom: 8 }} />
      <Row gutter={8}>
        <Col span={page.side.length > 0 ? 16 : 24}>{page.main.map(card)}</Col>
        {page.side.length > 0 && <Col span={8}>{page.side.map(card)}</Col>}
      </Row>
    </>
  );
}
