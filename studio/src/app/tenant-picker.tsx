import { Button, Card, Form, Input, List, Typography } from 'antd';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { recentTenants } from './recent-tenants.ts';
import { navigate, tenantPath } from './router.ts';

const slugPattern = /^[a-z][a-z0-9-]{1,39}$/;

/** `/studio/`: choose the tenant (vertical) to build. */
export function TenantPicker() {
  const t = useT();
  const recent = recentTenants();
  const open = (values: { tenant: string }) => navigate(tenantPath(values.tenant.trim()));
  return (
    <main style={{ maxWidth: 480, margin: '10vh auto', padding: 16 }}>
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('app.title')}</Typography.Title>} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('picker.intro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={open} requiredMark={false}>
          <Form.Item name="tenant" label={t('picker.tenant')} rules={[{ required: true, pattern: slugPattern, message: t('picker.slugRule') }]}>
            <Input autoFocus placeholder="breakfast" autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>{t('picker.open')}</Button>
        </Form>
        {recent.length > 0 && (
          <List
            style={{ marginTop: 24 }}
            header={t('picker.recent')}
            dataSource={recent}
            renderItem={(slug) => <List.Item><a href={tenantPath(slug)} onClick={(e) => { e.preventDefault(); navigate(tenantPath(slug)); }}>{slug}</a></List.Item>}
          />
        )}
      </Card>
    </main>
  );
}
