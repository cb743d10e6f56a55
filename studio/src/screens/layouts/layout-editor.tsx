import { Card, Col, Row, Spin, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { DetailComponentsEditor } from './detail-components-editor.tsx';
import { FormSectionsEditor } from './form-sections-editor.tsx';
import { ListColumnsEditor } from './list-columns-editor.tsx';
import { ListPreview } from './list-preview.tsx';

// rjsf and its validator load with the preview, not with the studio shell.
const FormPreview = lazy(() => import('./form-preview.tsx').then((m) => ({ default: m.FormPreview })));

/** One object's layout, with live previews of the generated list and form. */
export function LayoutEditor({ object }: { object: string }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Tabs items={[
          { key: 'form', label: t('layouts.form'), children: <FormSectionsEditor object={object} /> },
          { key: 'list', label: t('layouts.list'), children: <ListColumnsEditor object={object} /> },
          { key: 'detail', label: t('layouts.detail'), children: <DetailComponentsEditor object={object} /> },
        ]} />
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('layouts.preview')}>
          <Tabs size="small" items={[
            { key: 'form', label: t('layouts.formPreview'), children: <Suspense fallback={<Spin />}><FormPreview object={object} /></Suspense> },
            { key: 'list', label: t('layouts.listPreview'), children: <ListPreview object={object} /> },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
