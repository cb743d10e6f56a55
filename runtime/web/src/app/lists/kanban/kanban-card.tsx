import { useDraggable } from '@dnd-kit/core';
import { MoreOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Space, Typography } from 'antd';
import type { StageDefinition } from '../../../../../../platform/metadata/metadata-types.ts';
import { keyLabel } from '../../../shared/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { recordTitle } from '../../metadata/format-value.ts';
import { fieldLabel, type ObjectInfo } from '../../metadata/object-info.ts';
import { paths } from '../../routing/app-routes.ts';
import { Link } from '../../routing/link.tsx';
import { useSession } from '../../session/tenant-session.tsx';
import { FieldCell } from '../field-cell.tsx';
import type { ApiRecord } from '../use-record-pages.ts';

interface Props {
  object: ObjectInfo;
  record: ApiRecord;
  stage: string;
  columns: string[];
  /** The stages this record may move to (`recordMoveTargets`): none, and the card is neither dragged nor has a 移动到 menu. */
  targets: StageDefinition[];
  onMove: (record: ApiRecord, from: string, to: string) => void;
}

/** A record on the board: drag it (pointer, touch or keyboard), or pick a stage from its menu. */
export function KanbanCard({ object, record, stage, columns, targets, onMove }: Props) {
  const { t, locale } = useI18n();
  const { tenant, format } = useSession();
  const canMove = targets.length > 0;
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: record.id, data: { stage }, disabled: !canMove });
  const style = {
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    opacity: isDragging ? 0.6 : 1,
    marginBottom: 8,
    cursor: canMove ? 'grab' : undefined,
    touchAction: canMove ? 'manipulation' : undefined,
  };
  const shown = columns.filter((c) => c !== object.titleField && c !== object.stageField).slice(0, 3);
  return (
    <div ref={setNodeRef} style={style} {...listeners} {...attributes} aria-roledescription="card"
      aria-label={recordTitle(object, record, format)}>
      <Card size="small"
        title={<Link to={paths.record(tenant, object.key, record.id)} onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>{recordTitle(object, record, format)}</Link>}
        extra={canMove ? (
          // Keys pressed on the button or in its menu (rendered elsewhere, but inside this card in
          // React's tree) are the menu's: they must not reach the card's drag keys (Space, Enter).
          <span onKeyDown={(e) => e.stopPropagation()}>
            <Dropdown trigger={['click']} autoFocus menu={{
              items: targets.map((s) => ({ key: s.key, label: keyLabel(s.label, locale, s.key) })),
              onClick: ({ key }) => onMove(record, stage, key),
            }}>
              <Button size="small" type="text" icon={<MoreOutlined />} aria-label={`${t('moveTo')} ${recordTitle(object, record, format)}`} onPointerDown={(e) => e.stopPropagation()} />
            </Dropdown>
          </span>
        ) : null}>
        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
          {shown.map((key) => (
            <Typography.Text key={key} style={{ fontSize: 12 }} ellipsis>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fieldLabel(object.fieldMap.get(key), locale, key)}: </Typography.Text>
              <FieldCell record={record} field={object.fieldMap.get(key)} value={record[key]} format={format} />
            </Typography.Text>
          ))}
        </Space>
      </Card>
    </div>
  );
}
