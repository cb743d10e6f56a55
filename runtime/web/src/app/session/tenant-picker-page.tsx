import { Button, Input, Space, Typography } from 'antd';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../routing/link.tsx';
import { navigate } from '../routing/router.ts';
import { paths, tenantSlugPattern } from '../routing/app-routes.ts';
import { AuthFrame, FieldRow } from './auth-frame.tsx';
import { recentTenants } from './recent-tenants.ts';

/** `/app/`: which workspace (tenant) to open; the last ones are remembered in this browser. */
export function TenantPickerPage() {
  const { t } = useI18n();
  const recent = recentTenants();
  const [slug, setSlug] = useState(recent[0] ?? '');
  const valid = tenantSlugPattern.test(slug);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) navigate(paths.home(slug));
  };
  return (
    <AuthFrame title={t('pickTenant')}>
      <form onSubmit={submit} noValidate>
        <FieldRow id="tenant" label={t('tenantSlug')} error={slug && !valid ? t('tenantSlugHint') : undefined}>
          <Input id="tenant" name="tenant" autoFocus autoCapitalize="none" autoComplete="organization" value={slug} placeholder="hotel"
            status={slug && !valid ? 'error' : undefined} aria-describedby={slug && !valid ? 'tenant-error' : undefined}
            onChange={(e) => setSlug(e.target.value.trim().toLowerCase())} />
        </FieldRow>
        <Button type="primary" htmlType="submit" block disabled={!valid}>{t('continue')}</Button>
      </form>
      {recent.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('recentTenants')}</Typography.Text>
          <Space wrap style={{ marginTop: 8, display: 'flex' }}>
            {recent.map((r) => <Link key={r} to={paths.home(r)}>{r}</Link>)}
          </Space>
        </div>
      )}
    </AuthFrame>
  );
}
