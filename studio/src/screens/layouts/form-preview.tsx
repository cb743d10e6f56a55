import Form from '@rjsf/antd';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { Card, Empty, Space } from 'antd';
import { useMemo } from 'react';
import { previewDefaults, previewForms } from '../../document/form-schema.ts';
import { previewValidator } from '../../document/preview-validator.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument } from '../../state/studio-context.tsx';

/** The generated form as the app renders it from the layout (rjsf with the antd theme). */
export function FormPreview({ object }: { object: string }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const forms = useMemo(() => previewForms(document, object, locale), [document, object, locale]);
  if (forms.length === 0) return <Empty description={t('layouts.noForm')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {forms.map((form, i) => (
        <Card key={`${i}:${form.title}`} size="small" title={form.title}>
          <Form
            schema={form.schema as RJSFSchema}
            uiSchema={{ ...(form.uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
            validator={previewValidator}
            experimental_defaultFormStateBehavior={previewDefaults}
            liveValidate="onChange"
            showErrorList={false}
            formContext={{ colSpan: Math.floor(24 / Math.max(1, form.columns)) }}
          />
        </Card>
      ))}
    </Space>
  );
}
