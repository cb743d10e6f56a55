import { Form, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import { fieldTypeSpecs } from '../../../../platform/metadata/field-types.ts';
import type { FieldDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { navigate, tenantPath } from '../../app/router.ts';
import { currencyCodes } from '../../document/field-type-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDocument, useStudio } from '../../state/studio-context.tsx';
import { pipelineChoices, useFieldChoices, useObjectChoices } from '../../ui/choices.ts';
import { Item } from '../../ui/item.tsx';
import { SelectOptionsEditor } from './select-options-editor.tsx';

export interface TypeOptionsProps {
  object: string;
  fieldKey: string;
  field: FieldDefinition;
  /** Pointer of the field. */
  at: string;
  set: (prop: keyof FieldDefinition, value: unknown) => void;
}

function NumberOption({ prop, label, help, props, min, max }: { prop: 'min' | 'max' | 'scale' | 'maxLength'; label: string; help?: string; props: TypeOptionsProps; min?: number; max?: number }) {
  return (
    <Item pointer={`${props.at}/${prop}`} label={label} help={help}>
      <InputNumber aria-label={label} value={props.field[prop]} min={min} max={max} precision={prop === 'scale' || prop === 'maxLength' ? 0 : undefined}
        onChange={(v) => props.set(prop, v ?? undefined)} style={{ width: '100%' }} />
    </Item>
  );
}

/**
 * An e-mail, phone or web address field: the format the server checks on every save (fixed: the
 * type takes no maxLength or pattern), and whether values must be unique where the type can be.
 */
function FormatChecked({ field, at, set }: TypeOptionsProps) {
  const { t } = useI18n();
  const type = field.type as 'email' | 'phone' | 'url';
  return (
    <>
      <Form.Item label={t('opt.checked')}>
        <Typography.Text data-testid="format-checked">{t(`opt.checked.${type}`)}</Typography.Text>
      </Form.Item>
      {fieldTypeSpecs[type].options.includes('unique') && (
        <Item pointer={`${at}/unique`} label={t('fields.unique')} help={t('fields.uniqueHelp')}>
          <Switch checked={field.unique === true} onChange={(on) => set('unique', on || undefined)} aria-label={t('fields.unique')} />
        </Item>
      )}
    </>
  );
}

/** The options a field type takes (shared/metadata.md, "Field types"), one form per type. */
export function TypeOptions(props: TypeOptionsProps) {
  const { t, locale } = useI18n();
  const { tenant } = useStudio();
  const document = useDocument();
  const targets = useObjectChoices(true);
  const { field, at, set } = props;
  // The object's other fields of this type, that this one's value may not be earlier than.
  const earlier = useFieldChoices(props.object, { filter: (type) => type === field.type }).filter((c) => c.value !== props.fieldKey);
  switch (field.type) {
    case 'text':
      return (
        <>
          <NumberOption prop="maxLength" label={t('opt.maxLength')} help={t('opt.maxLengthHelp', { n: 255 })} props={props} min={1} max={100000} />
          <Item pointer={`${at}/pattern`} label={t('opt.pattern')} help={t('opt.patternHelp')}>
            <Input value={field.pattern} onChange={(e) => set('pattern', e.target.value)} placeholder="^[A-Z]{2}\d+$" style={{ fontFamily: 'monospace' }} aria-label={t('opt.pattern')} />
          </Item>
        </>
      );
    case 'textarea':
      return <NumberOption prop="maxLength" label={t('opt.maxLength')} help={t('opt.maxLengthHelp', { n: 10000 })} props={props} min={1} max={100000} />;
    case 'integer':
    case 'decimal':
    case 'currency':
      return (
        <>
          <NumberOption prop="min" label={t('opt.min')} props={props} />
          <NumberOption prop="max" label={t('opt.max')} props={props} />
          {field.type !== 'integer' && <NumberOption prop="scale" label={t('opt.scale')} help={t('opt.scaleHelp', { n: field.type === 'currency' ? 2 : 6 })} props={props} min={0} max={10} />}
          {field.type === 'currency' && (
            <Item pointer={`${at}/currency`} label={t('opt.currency')} help={t('opt.currencyHelp')}>
              <Select allowClear showSearch value={field.currency} onChange={(v) => set('currency', v)} options={currencyCodes.map((c) => ({ value: c, label: c }))} aria-label={t('opt.currency')} />
            </Item>
          )}
        </>
      );
    case 'percent':
      return <NumberOption prop="scale" label={t('opt.scale')} help={t('opt.scaleHelp', { n: 2 })} props={props} min={0} max={10} />;
    case 'select':
    case 'multiselect':
      return (
        <Item pointer={`${at}/options`} label={t('fields.options')} under>
          <SelectOptionsEditor object={props.object} fieldKey={props.fieldKey} options={field.options ?? []} at={`${at}/options`} />
        </Item>
      );
    case 'lookup':
      return (
        <>
          <Item pointer={`${at}/object`} label={t('fields.target')} help={t('opt.targetHelp')} required>
            <Select value={field.object} onChange={(v) => set('object', v)} options={targets} aria-label={t('fields.target')} />
          </Item>
          <Item pointer={`${at}/onDelete`} label={t('opt.onDelete')}>
            <Radio.Group value={field.onDelete ?? 'restrict'} onChange={(e) => set('onDelete', e.target.value === 'restrict' ? undefined : e.target.value)}
              options={[{ value: 'restrict', label: t('opt.restrict') }, { value: 'clear', label: t('opt.clear') }]} />
          </Item>
        </>
      );
    case 'stage': {
      const pipelines = pipelineChoices(document, props.object, locale);
      return (
        <Item pointer={`${at}/pipeline`} label={t('opt.pipeline')} help={<a href={tenantPath(tenant, `pipelines/${field.pipeline ?? ''}`)} onClick={(e) => { e.preventDefault(); navigate(tenantPath(tenant, `pipelines/${field.pipeline ?? ''}`)); }}>{t('opt.editPipeline')}</a>}>
          <Select value={field.pipeline} onChange={(v) => set('pipeline', v)} options={pipelines} aria-label={t('opt.pipeline')} />
        </Item>
      );
    }
    case 'date':
    case 'datetime':
      return (
        <Item pointer={`${at}/notBefore`} label={t('opt.notBefore')} help={t('opt.notBeforeHelp')}>
          <Select allowClear value={field.notBefore} onChange={(v) => set('notBefore', v ?? undefined)} options={earlier} aria-label={t('opt.notBefore')}
            placeholder={earlier.length === 0 ? t('opt.notBeforeNone') : undefined} disabled={earlier.length === 0 && field.notBefore === undefined} />
        </Item>
      );
    case 'autonumber':
      return (
        <Item pointer={`${at}/format`} label={t('opt.format')} help={t('opt.formatHelp')}>
          <Input value={field.format} onChange={(e) => set('format', e.target.value)} placeholder="BS-{00000}" style={{ fontFamily: 'monospace' }} aria-label={t('opt.format')} />
        </Item>
      );
    case 'email':
    case 'phone':
    case 'url':
      return <FormatChecked {...props} />;
    default:
      return <Typography.Paragraph type="secondary">{t('opt.none')}</Typography.Paragraph>;
  }
}
