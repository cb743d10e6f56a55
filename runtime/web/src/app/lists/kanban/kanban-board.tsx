import { DndContext, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { Typography } from 'antd';
import { useMemo } from 'react';
import type { FilterJson } from '../../../shared/filter-builder/filter-builder-types.ts';
import { keyLabel } from '../../../shared/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { pipelineOf, type ObjectInfo } from '../../metadata/object-info.ts';
import { allowedTargets } from '../../metadata/transitions.ts';
import { useStageMove } from '../../records/use-stage-move.tsx';
import { useSession } from '../../session/tenant-session.tsx';
import { listRequest } from '../list-query.ts';
import type { ApiRecord } from '../use-record-pages.ts';
import { KanbanCard } from './kanban-card.tsx';
import { KanbanColumn } from './kanban-column.tsx';
import { useKanbanData } from './use-kanban-data.ts';

interface Props {
  object: ObjectInfo;
  where: FilterJson | undefined;
  orderBy: string;
  columns: string[];
}

/** Records grouped by the stage field; dropping a card on another stage calls the transition. */
export function KanbanBoard({ object, where, orderBy, columns }: Props) {
  const { api, document, me } = useSession();
  const { t, locale } = useI18n();
  const pipeline = pipelineOf(object, document);
  const stageField = object.stageField ?? 'stage';
  const stages = useMemo(() => pipeline?.stages ?? [], [pipeline]);
  const base = listRequest(object, { columns, orderBy, display: 'kanban', ...(where ? { where } : {}) }, { extraFields: [stageField, ...stages.flatMap((s) => s.requires ?? [])] });
  const { columns: data, loadMore, moveCard } = useKanbanData(api, object.key, stageField, useMemo(() => stages.map((s) => s.key), [stages]), base);
  const { move, element } = useStageMove(object);
  const canMove = object.actions.includes('transition');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );

  const moveRecord = async (record: ApiRecord, from: string, to: string) => {
    if (from === to) return;
    const moved = await move(record, to);
    if (moved) moveCard(record.id, from, to, moved);
  };
  const onDragEnd = (event: DragEndEvent) => {
    const to = event.over?.id;
    const from = event.active.data.current?.stage as string | undefined;
    if (typeof to !== 'string' || !from || to === from) return;
    const record = data[from]?.records.find((r) => r.id === event.active.id);
    if (record) void moveRecord(record, from, to);
  };

  if (!pipeline) return null;
  return (
    <>
      {canMove && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('dragHint')}</Typography.Paragraph>}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}
        accessibility={{ screenReaderInstructions: { draggable: t('dragHint') } }}>
        <div className="shoal-kanban">
          {stages.map((stage) => (
            <KanbanColumn key={stage.key} stage={stage.key} title={keyLabel(stage.label, locale, stage.key)} data={data[stage.key]} onMore={() => loadMore(stage.key)}>
              {(data[stage.key]?.records ?? []).map((record) => (
                <KanbanCard key={record.id} object={object} record={record} stage={stage.key} columns={columns}
                  targets={allowedTargets(pipeline, stage.key, me.roles)} canMove={canMove} onMove={(r, f, to) => void moveRecord(r, f, to)} />
              ))}
            </KanbanColumn>
          ))}
        </div>
      </DndContext>
      {element}
    </>
  );
}
