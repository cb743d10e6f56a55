import { DndContext, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type Announcements, type ClientRect, type DragEndEvent, type KeyboardCoordinateGetter } from '@dnd-kit/core';
import { App, Typography } from 'antd';
import { useMemo } from 'react';
import type { FilterJson } from '../../../shared/filter-builder/filter-builder-types.ts';
import { keyLabel } from '../../../shared/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { recordTitle } from '../../metadata/format-value.ts';
import { pipelineOf, type ObjectInfo } from '../../metadata/object-info.ts';
import { recordMoveTargets } from '../../metadata/transitions.ts';
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

/**
 * ← and → move a card picked up with the keyboard to the next stage's column, rather than dnd-kit's
 * 25 px a press (which needed a dozen presses to leave a column, and left a card where it was).
 */
const columnByColumn: KeyboardCoordinateGetter = (event, { context: { collisionRect, droppableRects, droppableContainers } }) => {
  if (!collisionRect || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return undefined;
  event.preventDefault();
  const right = event.code === 'ArrowRight';
  let next: ClientRect | undefined;
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    // The card sits inside its column's padding: to the left means wholly left of the card.
    const ahead = right ? rect.left > collisionRect.left + 1 : rect.right <= collisionRect.left + 1;
    if (ahead && (!next || (right ? rect.left < next.left : rect.left > next.left))) next = rect;
  }
  return next ? { x: next.left + 8, y: next.top + 8 } : undefined;
};

/** Records grouped by the stage field; dropping a card on another stage calls the transition. */
export function KanbanBoard({ object, where, orderBy, columns }: Props) {
  const { api, document, me, format } = useSession();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const pipeline = pipelineOf(object, document);
  const stageField = object.stageField ?? 'stage';
  const stages = useMemo(() => pipeline?.stages ?? [], [pipeline]);
  const base = listRequest(object, { columns, orderBy, display: 'kanban', ...(where ? { where } : {}) }, { extraFields: [stageField, ...stages.flatMap((s) => s.requires ?? [])] });
  const { columns: data, loadMore, moveCard } = useKanbanData(api, object.key, stageField, useMemo(() => stages.map((s) => s.key), [stages]), base);
  const { move, element } = useStageMove(object);
  const canMove = object.actions.includes('transition');
  // Decided per card, as the record page's stage bar decides (a lead in the public pool moves for nobody).
  const targetsOf = (record: ApiRecord) => (pipeline ? recordMoveTargets(object, pipeline, record, me.roles) : []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnByColumn }),
  );
  // What a screen reader says while a card moves: its title and the stages by name, not ids and keys.
  const recordOf = (id: string | number) => Object.values(data).flatMap((column) => column?.records ?? []).find((r) => r.id === id);
  const titleOf = (id: string | number) => {
    const record = recordOf(id);
    return record ? recordTitle(object, record, format) : String(id);
  };
  // Dropped on a column it may not go to: said as refused, not as dropped.
  const refused = (id: string | number, to: string | number) => {
    const record = recordOf(id);
    return !!record && !targetsOf(record).some((s) => s.key === to);
  };
  const stageName = (key: string | number | undefined) => {
    const stage = stages.find((s) => s.key === key);
    return stage ? keyLabel(stage.label, locale, stage.key) : String(key ?? '');
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dragPicked', { title: titleOf(active.id), stage: stageName(active.data.current?.stage as string | undefined) }),
    // Over its own stage (where it was picked up) is no news: the pick-up is what is said.
    onDragOver: ({ active, over }) => (over && over.id !== active.data.current?.stage ? t('dragOver', { title: titleOf(active.id), stage: stageName(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => {
      const from = active.data.current?.stage as string | undefined;
      if (over && over.id !== from && refused(active.id, over.id)) return t('moveNotAllowed', { title: titleOf(active.id), from: stageName(from), to: stageName(over.id) });
      return t(over ? 'dragDropped' : 'dragCancelled', { title: titleOf(active.id), stage: stageName(over?.id) });
    },
    onDragCancel: ({ active }) => t('dragCancelled', { title: titleOf(active.id) }),
  };

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
    if (!record) return;
    // A column the record may not go to is refused here, as the stage bar offers no such move, not by the server after the card has landed.
    if (refused(record.id, to)) {
      void message.warning(t('moveNotAllowed', { title: recordTitle(object, record, format), from: stageName(from), to: stageName(to) }));
      return;
    }
    void moveRecord(record, from, to);
  };

  if (!pipeline) return null;
  return (
    <>
      {canMove && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('dragHint')}</Typography.Paragraph>}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}
        accessibility={{ screenReaderInstructions: { draggable: t('dragKeys') }, announcements }}>
        <div className="shoal-kanban">
          {stages.map((stage) => (
            <KanbanColumn key={stage.key} stage={stage.key} title={keyLabel(stage.label, locale, stage.key)} data={data[stage.key]} onMore={() => loadMore(stage.key)}>
              {(data[stage.key]?.records ?? []).map((record) => (
                <KanbanCard key={record.id} object={object} record={record} stage={stage.key} columns={columns}
                  targets={targetsOf(record)} onMove={(r, f, to) => void moveRecord(r, f, to)} />
              ))}
            </KanbanColumn>
          ))}
        </div>
      </DndContext>
      {element}
    </>
  );
}
