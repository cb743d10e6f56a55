import { Button, Card, Grid, Space, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { keyLabel } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { mayMoveRecord, recordMoveTargets } from '../metadata/transitions.ts';
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
  const reached = useReachedStages(object, record, index > 0 || currentStage?.kind === 'lost');
  // The button pressed goes with the move: once the record has reloaded (within a few seconds; a
  // reload that failed leaves it be), the focus goes to the bar's next step, else its first button,
  // else the bar itself — never to the page's body, nor to another card's button.
  const bar = useRef<HTMLDivElement>(null);
  const movedAt = useRef(0);
  useEffect(() => {
    if (Date.now() - movedAt.current > 10_000) return;
    movedAt.current = 0;
    const settle = () => {
      const active = window.document.activeElement;
      if (!bar.current || (active && active !== window.document.body && active.isConnected)) return;
      const buttons = [...bar.current.querySelectorAll<HTMLElement>('button:not([disabled])')];
      (buttons.find((b) => b.classList.contains('ant-btn-primary')) ?? buttons[0] ?? bar.current).focus();
    };
    // Once drawn, and again after a dialog's closing animation (which gives the focus back to the button gone).
    const timers = [window.setTimeout(settle, 60), window.setTimeout(settle, 450)];
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [record.version]);
  if (!pipeline || !object.stageField) return null;
  const skipped = skippedStages(pipeline.stages, current, reached?.stages, reached?.startedIn);
  const steps = stageSteps(pipeline.stages, current, reached?.stages, skipped);
  const mayMove = mayMoveRecord(object, record, me.roles);
  const targets = recordMoveTargets(object, pipeline, record, me.roles);
  const next = nextStage(pipeline.stages, current, targets.map((s) => s.key));
  const go = async (to: string) => {
    setMoving(to);
    const moved = await move(record, to);
    setMoving(undefined);
    if (moved) {
      movedAt.current = Date.now();
      onMoved();
    }
  };
  return (
    <div ref={bar} tabIndex={-1} role="group" aria-label={t('stage')}>
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
    </div>
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
  const [reached, setReached] = useState<{ id: string; stages: ReadonlySet<string>; startedIn: string | undefined } | undefined>(undefined);
  useEffect(() => {
    if (!wanted || !object.stageField) return undefined;
    let live = true;
    const stageField = object.stageField;
    readHistoryOnce(api, object.key, record.id, record.version).then(({ entries, complete }) => {
      if (live) setReached({ id: record.id, stages: stagesInHistory(entries, stageField), startedIn: complete ? startingStage(entries, stageField) : undefined });
    }, () => undefined);
    return () => { live = false; };
  }, [api, object.key, object.stageField, record.id, record.version, wanted]);
  // The last version's history until this one's is read (after a move it still tells what was skipped): no flicker back to ticks.
  return wanted && reached?.id === record.id ? reached : undefined;
}
