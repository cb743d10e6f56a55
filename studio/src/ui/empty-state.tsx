import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

/** What a section looks like before it has anything: what it is for and how to start. */
export function EmptyState({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <div>
          <Typography.Text strong>{title}</Typography.Text>
          {description && <Typography.Paragraph type="secondary" style={{ maxWidth: 460, margin: '4px auto 0' }}>{description}</Typography.Paragraph>}
        </div>
      }
    >
      {action}
    </Empty>
  );
}
