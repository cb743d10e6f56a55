import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, type StudioApi } from '../api/studio-api.ts';
import { errorMessage } from '../api/error-message.ts';
import type { Me } from '../../../runtime/web/src/shared/api-client.ts';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../ui/language-switch.tsx';

/** Sign-in for the tenant's administrators (the studio edits metadata, an admin-only API). */
export function LoginScreen({ api, onLogin }: { api: StudioApi; onLogin: (me: Me) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The workspace's own name (健身房), as the app's sign-in says it; its address until it is known.
  const [name, setName] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.client.get<{ name: string }>('/auth/tenant').then((w) => { if (current && w?.name) setName(w.name); }, () => undefined);
    return () => { current = false; };
  }, [api]);
  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api.client.login(values.email, values.password);
      if (!me.roles.includes('admin')) {
        await api.client.logout();
        setError(t('login.adminOnly'));
        return;
      }
      onLogin(me);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('login.wrong') : errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ maxWidth: 420, margin: '10vh auto', padding: 16 }}>
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('login.title', { tenant: name ?? api.tenant })}</Typography.Title>} extra={<LanguageSwitch />}>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.required') }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>{t('login.hint')}</Typography.Paragraph>
      </Card>
    </main>
  );
}
