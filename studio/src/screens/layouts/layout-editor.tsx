import { Card, Col, Row, Spin, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { DetailComponentsEditor } from './detail-components-editor.tsx';
import { DetailPreview } from './detail-preview.tsx';
import { FormSectionsEditor } from './form-sections-editor.tsx';
import { ListColumnsEditor } from './list-columns-editor.tsx';
import { ListPreview } from './list-preview.tsx';

// rjsf and its validator load with the preview, not with the studio shell.
const FormPreview = lazy(() => import('./form-preview.tsx').then((m) => ({ default: m.FormPreview })));

/** One object's layout, with live previews of the generated form, list and detail page. */
export function LayoutEditor({ object }: { object: string }) {
  const { t } = useI18n();
  // The preview shows the part being edited; its own tabs still let the owner look at another.
  const [editing, setEditing] = useState('form');
  const [previewing, setPreviewing] = useState('form');
  const edit = (part: string) => {
    setEditing(part);
    setPreviewing(part);
  };
  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Tabs activeKey={editing} onChange={edit} items={[
          { key: 'form', label: t('layouts.form'), children: <FormSectionsEditor object={object} /> },
          { key: 'list', label: t('layouts.list'), children: <ListColumnsEditor object={object} /> },
          { key: 'detail', label: t('layouts.detail'), children: <DetailComponentsEditor object={object} /> },
        ]} />
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('layouts.preview')} data-testid="layout-preview">
          <Tabs size="small" activeKey={previewing} onChange={setPreviewing} items={[
            { key: 'form', label: t('layouts.formPreview'), children: <Suspense fallback={<Spin />}><FormPreview object={object} /></Suspense> },
            { key: 'list', label: t('layouts.listPreview'), children: <ListPreview object={object} /> },
            { key: 'detail', label: t('layouts.detailPreview'), children: <DetailPreview object={object} /> },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
