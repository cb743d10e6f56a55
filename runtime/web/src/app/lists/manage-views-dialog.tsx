import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { moveItem } from '../../shared/move-item.ts';
import { SortableList } from '../../shared/sortable-list.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { ViewChoice } from './list-views.ts';

interface Props {
  open: boolean;
  /** The user's own views, in their order now. */
  views: ViewChoice[];
  /** Saves the order (the views' keys); false when the server refused it (the dialog stays open). */
  onSave: (keys: string[]) => Promise<boolean>;
  onClose: () => void;
}

/**
 * The user's views in the order the view menu lists them, reordered by dragging a handle (mouse,
 * touch, or space and arrows on the handle) or by each view's up and down buttons, and saved at
 * once. Until saved nothing changes; a refused save leaves the menu's order as it was.
 */
export function ManageViewsDialog({ open, views, onSave, onClose }: Props) {
  const { t } = useI18n();
  const [order, setOrder] = useState(views);
  const [saving, setSaving] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const refocus = useRef<{ key: string; direction: 'up' | 'down' } | undefined>(undefined);
  // Each opening, and views read again while open (another tab changed them), start from the views as they are.
  const given = views.map((v) => `${v.key}\t${v.label}`).join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { if (open) setOrder(views); }, [open, given]);
  // A row moved in the page loses the focus of its button: it goes back to that button, or to
  // its twin where the row reached an end and the button pressed is now disabled.
  useEffect(() => {
    const wanted = refocus.current;
    refocus.current = undefined;
    if (!wanted) return;
    const find = (direction: string) => list.current?.querySelector<HTMLButtonElement>(`button[data-view="${CSS.escape(wanted.key)}"][data-move="${direction}"]`);
    const pressed = find(wanted.direction);
    (pressed && !pressed.disabled ? pressed : find(wanted.direction === 'up' ? 'down' : 'up'))?.focus();
  }, [order]);

  const moveBy = (index: number, by: -1 | 1) => {
    refocus.current = { key: order[index]!.key, direction: by < 0 ? 'up' : 'down' };
    setOrder(moveItem(order, index, index + by));
  };
  const changed = order.map((v) => v.key).join('\n') !== views.map((v) => v.key).join('\n');
  const save = async () => {
    setSaving(true);
    const saved = await onSave(order.map((v) => v.key));
    setSaving(false);
    if (saved) onClose();
  };
  return (
    <Modal open={open} title={t('manageViews')} okText={t('saveOrder')} cancelText={t('cancel')} okButtonProps={{ disabled: !changed }}
      confirmLoading={saving} onOk={() => void save()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('manageViewsHint')}</Typography.Paragraph>
      <div ref={list} role="group" aria-label={t('personalViews')}>
        <SortableList
          items={order}
          idOf={(view) => view.key}
          handleLabelOf={(view) => t('dragView', { view: view.label })}
          labelOf={(view) => view.label}
          dragWords={{
            instructions: t('dragViewKeys'),
            pickedUp: ({ item, ...at }) => t('viewPickedUp', { view: item, ...at }),
            movedTo: ({ item, ...at }) => t('viewMovedTo', { view: item, ...at }),
            dropped: ({ item, ...at }) => t('viewDropped', { view: item, ...at }),
            cancelled: ({ item, ...at }) => t('viewDragCancelled', { view: item, ...at }),
          }}
          onMove={(from, to) => setOrder(moveItem(order, from, to))}
          render={(view, index, handle) => (
            <div style={{ display: 'flex', alignItems: 'center', gap: 4, width: '100%', padding: '2px 0', borderBottom: '1px solid #f0f0f0' }}>
              {handle}
              <Typography.Text ellipsis style={{ flex: 1 }}>{view.label}</Typography.Text>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('moveViewUp', { view: view.label })} title={t('moveViewUp', { view: view.label })}
                data-view={view.key} data-move="up" disabled={index === 0} onClick={() => moveBy(index, -1)} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('moveViewDown', { view: view.label })} title={t('moveViewDown', { view: view.label })}
                data-view={view.key} data-move="down" disabled={index === order.length - 1} onClick={() => moveBy(index, 1)} />
            </div>
          )}
        />
      </div>
    </Modal>
  );
}
