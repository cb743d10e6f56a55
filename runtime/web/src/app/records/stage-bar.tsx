import { Button, Card, Grid, Space, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { keepFocusInList } from '../../shared/focus-after-removal.ts';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { allowedTargets } from '../metadata/transitions.ts';
import { useSession } from '../session/tenant-session.tsx';
import { readHistoryOnce } from './record-history.ts';
import { nextStage, skippedStages, stageMoveWord, stageSteps, stagesInHistory, startingStage } from './stage-steps.ts';
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
  // Only a record with stages before its own can have skipped one (or, lost, dropped out after one).
  const reached = useReachedStages(object, record, index > 0);
  // The button pressed goes with the move: once the record has reloaded, the focus goes to the
  // bar's next step (or its first button), not to the page's body.
  const refocus = useRef<(() => void) | null>(null);
  useEffect(() => {
    refocus.current?.();
    refocus.current = null;
  }, [record.version]);
  if (!pipeline || !object.stageField) return null;
  const skipped = skippedStages(pipeline.stages, current, reached?.stages, reached?.startedIn);
  const steps = stageSteps(pipeline.stages, current, reached?.stages, skipped);
  const heldPublicly = record.poolState === 'public';
  const mayMove = object.actions.includes('transition') && !heldPublicly;
  const targets = mayMove ? allowedTargets(pipeline, current, me.roles) : [];
  const next = nextStage(pipeline.stages, current, targets.map((s) => s.key));
  const go = async (to: string, trigger: HTMLElement) => {
    setMoving(to);
    const moved = await move(record, to);
    setMoving(undefined);
    if (moved) {
      refocus.current = keepFocusInList(trigger);
      onMoved();
    }
  };
  return (
    <Card size="small" title={t('stage')} style={{ marginBottom: 12 }}>
      <Steps
        size="small"
        orientation={screens.md ? 'horizontal' : 'vertical'}
        current={index}
        items={pipeline.stages.map((s, i) => ({
          title: keyLabel(s.label, locale, s.key), status: steps[i],
          ...(skipped.has(s.key) ? { content: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stageSkipped')}</Typography.Text> } : {}),
        }))}
      />
      {targets.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {targets.map((s) => (
            <Button key={s.key} loading={moving === s.key} disabled={moving !== undefined && moving !== s.key}
              danger={s.kind === 'lost'} type={s.key === next ? 'primary' : 'default'}
              onClick={(e) => void go(s.key, e.currentTarget)}>
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

/**
 * The stages the record's history shows it in (the record itself only says where it is now), for
 * a record with stages before its own: which of them a lost record went through, which ones an
 * open or won one skipped. Undefined until known or when the history cannot be read: then a lost
 * record shows no stage done, and no stage counts as skipped. Of a history longer than its newest
 * 2,000 entries a lost record may show fewer stages done, never more; where it started is not
 * known then (`startedIn` undefined), so no stage counts as skipped.
 */
function useReachedStages(object: ObjectInfo, record: ApiRecord, wanted: boolean): { stages: ReadonlySet<string>; startedIn: string | undefined } | undefined {
  const { api } = useSession();
  const [reached, setReached] = useState<{ id: string; version: unknown; stages: ReadonlySet<string>; startedIn: string | undefined } | undefined>(undefined);
  useEffect(() => {
    if (!wanted || !object.stageField) return undefined;
    let live = true;
    const stageField = object.stageField;
    readHistoryOnce(api, object.key, record.id, record.version).then(({ entries, complete }) => {
      if (live) setReached({ id: record.id, version: record.version, stages: stagesInHistory(entries, stageField), startedIn: complete ? startingStage(entries, stageField) : undefined });
    }, () => undefined);
    return () => { live = false; };
  }, [api, object.key, object.stageField, record.id, record.version, wanted]);
  return wanted && reached?.id === record.id && reached.version === record.version ? reached : undefined;
}
