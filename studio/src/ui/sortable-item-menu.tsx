import { WarningOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { SortableList } from './sortable-list.tsx';

export interface SortableItemMenuProps {
  keys: string[];
  selected: string | undefined;
  /** What a row shows of an item (its name, its key in grey …), and what a screen reader calls it while it moves. */
  content: (key: string) => ReactNode;
  nameOf: (key: string) => string;
  /** A warning shown beside an item (a pool no record can reach). */
  warningOf?: (key: string) => string | undefined;
  onOpen: (key: string) => void;
  onMove: (from: number, to: number) => void;
}

/**
 * The items of a section whose order means something (pools: the first that matches holds a
 * record), each numbered, opened by its button and moved by its drag handle, by mouse or by
 * keyboard (space, arrows, space), as SortableList moves anything.
 */
export function SortableItemMenu({ keys, selected, content, nameOf, warningOf, onOpen, onMove }: SortableItemMenuProps) {
  return (
    <SortableList items={keys} idOf={(key) => `item:${key}`} labelOf={nameOf} onMove={onMove}
      render={(key, index, handle) => {
        const current = key === selected;
        const warning = warningOf?.(key);
        return (
          <div style={{ display: 'flex', alignItems: 'center', gap: 2, width: '100%', borderRadius: 6, background: current ? '#e6f4ff' : undefined }}>
            {handle}
            <Typography.Text type="secondary" style={{ minWidth: 16 }}>{index + 1}</Typography.Text>
            <Button type="text" data-testid="section-item" aria-current={current ? 'true' : undefined} onClick={() => onOpen(key)}
              style={{ flex: 1, minWidth: 0, justifyContent: 'flex-start', color: current ? '#1677ff' : undefined, overflow: 'hidden' }}>
              <Space size={4}>{content(key)}</Space>
            </Button>
            {warning && <Tooltip title={warning}><WarningOutlined role="img" aria-label={warning} style={{ color: '#faad14', marginRight: 8 }} /></Tooltip>}
          </div>
        );
      }} />
  );
}
