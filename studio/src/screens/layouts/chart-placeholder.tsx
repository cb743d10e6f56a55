import { FieldTimeOutlined, FunnelPlotOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { keyLabel } from '../../../../runtime/web/src/shared/labels.ts';
import { recordFunnels } from '../../../../runtime/web/src/shared/record-funnels.ts';
import { fieldName } from '../../document/field-names.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';

/**
 * What a `{ chart }` component will show on a record's page, in words, with the stages it draws
 * (the funnels the app picks: see `recordFunnels`), or why the app shows nothing there.
 */
export function ChartPlaceholder({ object, chart }: { object: string; chart: 'funnel' | 'history' }) {
  const { t, label, locale } = useI18n();
  const document = useDocument();
  const objectName = label(document.objects[object]?.label, object);
  const pipelineName = (key: string) => keyLabel(document.pipelines?.[key]?.label, locale, key);
  const stages = (key: string) => (
    <Space wrap size={4}>{(document.pipelines?.[key]?.stages ?? []).map((s) => <Tag key={s.key}>{keyLabel(s.label, locale, s.key)}</Tag>)}</Space>
  );
  const warning = (text: string) => <Typography.Text type="warning"><WarningOutlined /> {text}</Typography.Text>;

  if (chart === 'history') {
    const own = recordFunnels(document, object).find((f) => f.kind === 'own');
    if (!own) return warning(t('layouts.chartNoStage', { object: objectName }));
    return (
      <Space orientation="vertical" size={4}>
        <Typography.Text type="secondary"><FieldTimeOutlined /> {t('layouts.chartHistory', { pipeline: pipelineName(own.pipeline) })}</Typography.Text>
        {stages(own.pipeline)}
      </Space>
    );
  }
  const enabled = document.components?.enabled;
  if (enabled && !enabled.includes('reports')) return warning(t('layouts.chartNeedsReports'));
  const funnels = recordFunnels(document, object);
  if (funnels.length === 0) return warning(t('layouts.chartNoFunnel', { object: objectName }));
  return (
    <Space orientation="vertical" size={4}>
      {funnels.map((f) => (
        <div key={`${f.pipeline}:${f.kind === 'related' ? f.field : ''}`}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            <FunnelPlotOutlined /> {f.kind === 'own'
              ? t('layouts.chartFunnelOwn', { pipeline: pipelineName(f.pipeline) })
              : t('layouts.chartFunnelRelated', {
                pipeline: pipelineName(f.pipeline),
                objects: label(document.objects[f.object]?.pluralLabel ?? document.objects[f.object]?.label, f.object),
                field: fieldName(document, f.object, f.field, locale),
              })}
          </Typography.Paragraph>
          {stages(f.pipeline)}
        </div>
      ))}
    </Space>
  );
}
