import { keyLabel, labelOf, type Label } from '../../shared/labels.ts';
import type { RecordFunnel } from '../../shared/record-funnels.ts';
import { FunnelPanel } from '../dashboards/funnel-panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { recordTitle } from '../metadata/format-value.ts';
import { fieldLabel, objectLabel, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { visibleFunnels } from './record-chart-plan.ts';

/**
 * `{ chart: funnel }`: on a record with a stage, its pipeline's funnel (last 90 days, as on the
 * dashboards) with the record's stage marked; on a record others point at (a hotel), the funnel
 * of those records (its leads), all time.
 */
export function RecordFunnelCard({ object, record, label }: { object: ObjectInfo; record: ApiRecord; label?: Label | undefined }) {
  const { document, objectMap } = useSession();
  const funnels = visibleFunnels(object, document, objectMap);
  return <>{funnels.map((funnel) => <OneFunnel key={`${funnel.pipeline}:${funnel.kind === 'related' ? funnel.field : ''}`} funnel={funnel} object={object} record={record} label={label} several={funnels.length > 1} />)}</>;
}

function OneFunnel({ funnel, object, record, label, several }: { funnel: RecordFunnel; object: ObjectInfo; record: ApiRecord; label: Label | undefined; several: boolean }) {
  const { document, objectMap, format } = useSession();
  const { t, locale } = useI18n();
  const pipeline = document.pipelines?.[funnel.pipeline];
  if (!pipeline) return null;
  const style = { marginBottom: 12 };
  if (funnel.kind === 'own') {
    const stage = record[funnel.stageField];
    const marked = typeof stage === 'string' ? {
      stage,
      tag: t('funnelThisRecord'),
      note: t('funnelRecordIn', { title: recordTitle(object, record, format), stage: keyLabel(pipeline.stages.find((s) => s.key === stage)?.label, locale, stage) }),
    } : undefined;
    return <FunnelPanel pipelineKey={funnel.pipeline} pipeline={pipeline} stageField={funnel.stageField} marked={marked} style={style}
      title={label ? labelOf(label, locale) : undefined} refreshKey={record.version} />;
  }
  const related = objectMap.get(funnel.object)!;
  const objects = objectLabel(related, locale, true);
  const byField = several ? { key: 'relatedFunnelBy' as const, field: fieldLabel(related.fieldMap.get(funnel.field), locale, funnel.field) } : undefined;
  const title = label
    ? `${labelOf(label, locale)}${byField ? ` · ${byField.field}` : ''}`
    : byField ? t(byField.key, { objects, field: byField.field }) : t('relatedFunnel', { objects });
  return <FunnelPanel pipelineKey={funnel.pipeline} pipeline={pipeline} stageField={funnel.stageField} where={{ [funnel.field]: record.id }} period="all" title={title} style={style} />;
}
