import { withTheme } from '@rjsf/core';
import { Theme } from '@rjsf/antd';
import type { ObjectFieldTemplateProps, RJSFSchema, WidgetProps } from '@rjsf/utils';
import { Card, Grid, Input } from 'antd';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FieldInput } from './field-input.tsx';
import type { FormSectionModel } from './form-schema.ts';

type Data = Record<string, unknown>;

/** What the generated form passes down to its widgets. */
export interface ShoalFormContext {
  object: ObjectInfo;
  descriptionLocation: 'tooltip';
  /** A saved record's form: its lookups offer to open the record picked (a new one's would lose the form). */
  openLookups?: boolean;
  /** A new record's form: its lookups offer only the records the caller may create it on. */
  creating?: boolean;
}

/** Every field renders through FieldInput, chosen by the field's type (lookup search, currency, dates …). */
function ShoalFieldWidget(props: WidgetProps<Data, RJSFSchema, ShoalFormContext>) {
  const { id, value, onChange, onBlur, disabled, readonly, rawErrors, options, label, registry } = props;
  const key = String(options.fieldKey ?? '');
  const field = registry.formContext.object.fieldMap.get(key);
  if (!field) return null;
  if (options.masked) return <MaskedInput id={id} label={label} />;
  return (
    <FieldInput
      id={id}
      field={field}
      value={value}
      ariaLabel={label}
      disabled={disabled || readonly}
      invalid={(rawErrors?.length ?? 0) > 0}
      openable={registry.formContext.openLookups}
      linkFrom={registry.formContext.creating && field.target && field.target !== 'user' ? `${registry.formContext.object.key}.${key}` : undefined}
      onChange={(next) => onChange(next)}
      onBlur={() => onBlur(id, value)}
    />
  );
}

/** A field the record's pool hides from the reader until it is claimed: said so, not an empty box to type over. */
function MaskedInput({ id, label }: { id: string; label: string }) {
  const { t } = useI18n();
  return <Input id={id} disabled aria-label={label} value="" placeholder={t('hiddenUntilClaimed')} />;
}

/** Lays the fields out in the layout's sections, each a grid of its `columns` (one column on phones). */
function SectionsTemplate(props: ObjectFieldTemplateProps<Data, RJSFSchema, ShoalFormContext>) {
  const screens = Grid.useBreakpoint();
  const options = (props.uiSchema?.['ui:options'] ?? {}) as { sections?: FormSectionModel[] };
  const sections = options.sections ?? [{ columns: 1, fields: props.properties.map((p) => p.name) }];
  const byName = new Map(props.properties.map((p) => [p.name, p]));
  return (
    <div>
      {sections.map((section, i) => {
        const columns = screens.md ? section.columns : 1;
        const grid = (
          <div className="shoal-field-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
            {section.fields.map((name) => {
              const property = byName.get(name);
              return property && !property.hidden ? <div key={name}>{property.content}</div> : null;
            })}
          </div>
        );
        return section.title
          ? <Card key={i} size="small" title={section.title} style={{ marginBottom: 12 }}>{grid}</Card>
          : <div key={i} style={{ marginBottom: 12 }}>{grid}</div>;
      })}
    </div>
  );
}

/** rjsf with the antd theme, Shoal's widget and section layout. */
export const ShoalRjsfForm = withTheme<Data, RJSFSchema, ShoalFormContext>({
  ...Theme,
  widgets: { ...Theme.widgets, shoalField: ShoalFieldWidget },
  templates: { ...Theme.templates, ObjectFieldTemplate: SectionsTemplate },
});
