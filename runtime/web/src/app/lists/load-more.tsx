import { Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  shown: number;
  total: number | undefined;
}

/** "Load more" (also fired when scrolled into view), and how many of how many are shown. */
export function LoadMore({ hasMore, loading, onMore, shown, total }: Props) {
  const { t } = useI18n();
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onMore();
    }, { rootMargin: '200px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, onMore]);
  return (
    <div ref={sentinel} style={{ textAlign: 'center', padding: '12px 0' }}>
      {hasMore
        ? <Button onClick={onMore} loading={loading}>{t('loadMore')}</Button>
        : shown > 0 && <Typography.Text type="secondary">{t('allLoaded')}</Typography.Text>}
      {total !== undefined && shown > 0 && (
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('shown', { shown, count: total })}</Typography.Text></div>
      )}
    </div>
  );
}
