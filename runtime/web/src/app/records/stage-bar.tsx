import { Button, Card, Grid, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { allowedTargets } from '../metadata/transitions.ts';
import { useSession } from '../session/tenant-session.tsx';
import { readHistory } from './record-history.ts';
import { nextStage, stageMoveWord, stageSteps, stagesInHistory } from './stage-steps.ts';
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
  const current = object.stageField ? record[object.stageField] as string | null | undefined : undefined;
  const index = pipeline ? pipeline.stages.findIndex((s) => s.key === current) : -1;
  const currentStage = pipeline?.stages[index];
  const reached = useReachedStages(object, record, currentStage?.kind === 'lost');
  if (!pipeline || !object.stageField) return null;
  const steps = stageSteps(pipeline.stages, current, reached);
  const heldPublicly = record.poolState === 'public';
  const mayMove = object.actions.includes('transition') && !heldPublicly;
  const targets = mayMove ? allowedTargets(pipeline, current, me.roles) : [];
  const next = nextStage(pipeline.stages, current, targets.map((s) => s.key));
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
        items={pipeline.stages.map((s, i) => ({ title: keyLabel(s.label, locale, s.key), status: steps[i] }))}
      />
      {targets.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {targets.map((s) => (
            <Button key={s.key} loading={moving === s.key} disabled={moving !== undefined && moving !== s.key}
              danger={s.kind === 'lost'} type={s.key === next ? 'primary' : 'default'}
              onClick={() => void go(s.key)}>
              {t(stageMoveWord(pipeline.stages, current, s.key), { stage: keyLabel(s.label, locale, s.key) })}
            </Button>
          ))}
        </Space>
      )}
      {/* A closed stage the pipeline moves no one out of: said, rather than steps that do nothing when clicked. */}
      {mayMove && targets.length === 0 && currentStage && currentStage.kind !== 'open' && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>{t('stageFinal', { stage: keyLabel(currentStage.label, locale, currentStage.key) })}</Typography.Text>
      )}
      {element}
    </Card>
  );
}

const noStages: ReadonlySet<string> = new Set();

/**
 * The stages a lost record went through, from its history (the record itself only says where it
 * ended). Empty until known, or when the history cannot be read: then no stage shows as done.
 * Its newest 2,000 entries: a longer history may show fewer stages done, never more.
 */
function useReachedStages(object: ObjectInfo, record: ApiRecord, lost: boolean): ReadonlySet<string> {
  const { api } = useSession();
  const [reached, setReached] = useState<{ id: string; stages: ReadonlySet<string> } | undefined>(undefined);
  useEffect(() => {
    if (!lost || !object.stageField) return undefined;
    let live = true;
    const stageField = object.stageField;
    readHistory(api, object.key, record.id).then(({ entries }) => {
      if (live) setReached({ id: record.id, stages: stagesInHistory(entries, stageField) });
    }, () => undefined);
    return () => { live = false; };
  }, [api, object.key, object.stageField, record.id, record.version, lost]);
  return lost && reached?.id === record.id ? reached.stages : noStages;
}
