import { Button, Card, Space, Steps, Grid } from 'antd';
import { useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { allowedTargets } from '../metadata/transitions.ts';
import { useSession } from '../session/tenant-session.tsx';
import { useStageMove } from './use-stage-move.tsx';

interface Props {
  object: ObjectInfo;
  record: ApiRecord;
  onMoved: () => void;
}

/** The pipeline's stages with the current one marked, and a button for each allowed move. */
export function StageBar({ object, record, onMoved }: Props) {
  const { document, me } = useSession();
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const { move, element } = useStageMove(object);
  const [moving, setMoving] = useState<string | undefined>(undefined);
  const pipeline = pipelineOf(object, document);
  if (!pipeline || !object.stageField) return null;
  const current = record[object.stageField] as string | null | undefined;
  const index = pipeline.stages.findIndex((s) => s.key === current);
  const currentStage = pipeline.stages[index];
  const heldPublicly = record.poolState === 'public';
  const targets = object.actions.includes('transition') && !heldPublicly ? allowedTargets(pipeline, current, me.roles) : [];
  const go = async (to: string) => {
    setMoving(to);
    const moved = await move(record, to);
    setMoving(undefined);
    if (moved) onMoved();
  };
  return (
    <Card size="small" title={t('stage')} style={{ marginBottom: 12 }}>
      <Steps
        size="small"
        orientation={screens.md ? 'horizontal' : 'vertical'}
        current={index}
        status={currentStage?.kind === 'lost' ? 'error' : currentStage?.kind === 'won' ? 'finish' : 'process'}
        items={pipeline.stages.map((s) => ({ title: keyLabel(s.label, locale, s.key) }))}
      />
      {targets.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {targets.map((s) => (
            <Button key={s.key} loading={moving === s.key} disabled={moving !== undefined && moving !== s.key}
              danger={s.kind === 'lost'} type={s.kind === 'won' || pipeline.stages.indexOf(s) === index + 1 ? 'primary' : 'default'}
              onClick={() => void go(s.key)}>
              {t('moveStage', { stage: keyLabel(s.label, locale, s.key) })}
            </Button>
          ))}
        </Space>
      )}
      {element}
    </Card>
  );
}
