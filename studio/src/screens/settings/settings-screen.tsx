import { Card, Checkbox, Col, Form, Input, Radio, Row, Space, Switch, Typography } from 'antd';
import { componentKeys, components } from '../../../../platform/components/component-registry.ts';
import { mutate } from '../../document/draft-state.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { localeChoices } from '../../ui/choices.ts';
import { Item } from '../../ui/item.tsx';
import { TimeZoneSelect } from '../pools/pool-parts.tsx';

/** The tenant itself: display name, default language, time zone, feature components. */
export function SettingsScreen() {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const enabled = document.components?.enabled;
  // Cleared, the name is kept empty (not removed, nor a space): the server says it must not be, under the input.
  const setName = (name: string) => { if (name !== document.name) apply(mutate((d) => { d.name = name; })); };
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.settings')}</Typography.Title>
      <Card>
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Item pointer="/name" label={t('settings.name')} required>
                <Input value={document.name} onChange={(e) => setName(e.target.value.trimStart())} onBlur={() => setName(document.name.trim())} aria-label={t('settings.name')} aria-required />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer="/locale" label={t('settings.locale')} help={t('settings.localeHelp')}>
                <Radio.Group value={document.locale} onChange={(e) => apply(setAt('/locale', e.target.value))}
                  options={localeChoices} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer="/timeZone" label={t('settings.timeZone')} help={t('settings.timeZoneHelp')}>
                <TimeZoneSelect value={document.timeZone} onChange={(v) => apply(setAt('/timeZone', v))} />
              </Item>
            </Col>
          </Row>
          <Item pointer="/components" label={t('settings.components')} help={t('settings.componentsHelp')} under>
            <Space orientation="vertical">
              <Space><Switch checked={!enabled} aria-label={t('settings.allComponents')}
                onChange={(all) => apply(setAt('/components', all ? undefined : { enabled: [...componentKeys] }))} />{t('settings.allComponents')}</Space>
              {enabled && (
                <Checkbox.Group value={enabled} onChange={(v) => apply(setAt('/components', { enabled: v }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                  options={componentKeys.map((k) => ({ value: k, label: <span>{components[k].label[locale]} <Typography.Text type="secondary">— {components[k].description[locale]}</Typography.Text></span> }))} />
              )}
            </Space>
          </Item>
        </Form>
      </Card>
    </div>
  );
}
