import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

interface BoundaryProps {
  children: ReactNode;
  fallback: (error: Error) => ReactNode;
}

class Boundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/**
 * A screen that fails (most often: its code could not be fetched because the studio was updated
 * since the page loaded) says so with a reload button, instead of blanking the whole studio.
 * Edits are safe to reload: the server and the browser keep the draft.
 */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Boundary fallback={(error) => (
      <Result status="warning" title={t('screen.failed')} subTitle={`${t('screen.failedHelp')} (${error.message})`}
        extra={<Button type="primary" onClick={() => location.reload()}>{t('screen.reload')}</Button>} />
    )}>
      {children}
    </Boundary>
  );
}
