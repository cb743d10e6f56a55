import { Alert, Button, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n.tsx';

/**
 * A secret the server shows once (an API key, a webhook's signing secret): a clear warning, the
 * secret with a copy button, and nothing that closes it by accident — only “I have copied it”.
 */
export function SecretDialog({ title, secret, children, onClose }: { title: string; secret: string; children?: ReactNode; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open title={title} closable={false} mask={{ closable: false }} keyboard={false} width={640}
      footer={<Button type="primary" onClick={onClose}>{t('integrations.secretDone')}</Button>}>
      <Alert type="warning" showIcon title={t('integrations.secretOnce')} style={{ marginBottom: 12 }} />
      <div data-testid="one-time-secret">
        <Typography.Paragraph code copyable={{ text: secret, tooltips: [t('integrations.copy'), t('integrations.copied')] }} style={{ fontSize: 15, wordBreak: 'break-all' }}>
          {secret}
        </Typography.Paragraph>
      </div>
      {children}
    </Modal>
  );
}
