import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import type { ApiClient, Me } from '../../shared/api-client.ts';
import { errorText, isStatus } from '../data/api-errors.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../routing/link.tsx';
import { paths } from '../routing/app-routes.ts';
import { AuthFrame, FieldRow } from './auth-frame.tsx';

interface Props {
  api: ApiClient;
  tenantName: string;
  onSignedIn: (me: Me) => void;
}

/** E-mail and password for one workspace; the session lives in an HttpOnly cookie. */
export function LoginPage({ api, tenantName, onSignedIn }: Props) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  // The workspace's own name ("Hotel BD"), not its address; the address until it is known.
  const { data: workspace } = useAsync(() => api.get<{ name: string }>('/auth/tenant'), [api]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return;
    setBusy(true);
    setProblem(undefined);
    try {
      onSignedIn(await api.login(email.trim(), password));
    } catch (error) {
      setProblem(isStatus(error, 401) ? t('wrongCredentials') : errorText(error, locale));
      setBusy(false);
    }
  };
  return (
    <AuthFrame title={t('signInTo', { tenant: workspace?.name || tenantName })}>
      {problem && <Alert type="error" title={problem} showIcon role="alert" style={{ marginBottom: 16 }} />}
      <form onSubmit={(e) => void submit(e)}>
        <FieldRow id="email" label={t('email')}>
          <Input id="email" name="email" type="email" autoComplete="username" autoFocus inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </FieldRow>
        <FieldRow id="password" label={t('password')}>
          <Input.Password id="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </FieldRow>
        <Button type="primary" htmlType="submit" block loading={busy} disabled={!email.trim() || !password}>{t('signIn')}</Button>
      </form>
      <div style={{ marginTop: 16 }}><Link to={paths.picker()}>{t('otherWorkspace')}</Link></div>
    </AuthFrame>
  );
}
