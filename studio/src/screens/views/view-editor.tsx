import { CloseOutlined } from '@ant-design/icons';
import { Button, Col, Form, Radio, Row, Select, Tag } from 'antd';
import { moveItem } from '../../document/draft-state.ts';
import { fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useFieldChoices, useObjectChoices, useRoleChoices } from '../../ui/choices.ts';
import { FilterInput } from '../../ui/filter-input.tsx';
import { Item } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { OrderByInput, useSortChoices } from '../../ui/order-by-input.tsx';
import { SortableList } from '../../ui/sortable-list.tsx';
import { useObjectFilterFields } from '../../ui/use-filter-fields.ts';

/** One saved view: object, filter, sort, columns, display and audience. */
export function ViewEditor({ viewKey }: { viewKey: string }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const view = document.views![viewKey]!;
  const at = ptr('views', viewKey);
  const set = (path: string, value: unknown) => apply(setAt(`${at}/${path}`, value));
  const objects = useObjectChoices();
  const fields = useFieldChoices(view.object, { system: true });
  const roles = useRoleChoices();
  const filterFields = useObjectFilterFields(view.object);
  const columns = view.columns ?? [];
  const sortable = useSortChoices(view.object, fields);
  const nameOf = (column: string) => fieldName(document, view.object, column, locale);
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/object`} label={t('common.object')}>
            <Select value={view.object} options={objects} aria-label={t('common.object')}
              onChange={(object) => apply(setAt(at, { object, ...(view.label ? { label: view.label } : {}), ...(view.display === 'table' ? { display: 'table' } : {}), ...(view.roles ? { roles: view.roles } : {}) }))} />
          </Item>
        </Col>
        <Col xs={24} md={16}>
          <Item pointer={`${at}/label`} label={t('common.label')}><LabelInput value={view.label} onChange={(v) => set('label', v)} /></Item>
        </Col>
      </Row>
      <FilterInput pointer={`${at}/where`} label={t('views.where')} help={t('views.whereHelp')} emptyMeaning={t('views.whereEmpty')} value={view.where} onChange={(v) => set('where', v)} fields={filterFields} allowVariables />
      <Item pointer={`${at}/orderBy`} label={t('layouts.orderBy')}>
        <OrderByInput value={view.orderBy} onChange={(v) => set('orderBy', v)} choices={sortable} />
      </Item>
      <Item pointer={`${at}/columns`} label={t('layouts.columns')} help={t('views.columnsHelp')} under>
        <div>
          <SortableList horizontal items={columns} idOf={(c) => `vcol:${c}`} labelOf={nameOf} onMove={(from, to) => set('columns', moveItem(columns, from, to))}
            render={(column, _i, handle) => (
              <Tag style={{ padding: '2px 4px', margin: 0 }}>{handle}{fields.find((f) => f.value === column)?.label ?? column}
                <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('layouts.removeColumn', { field: nameOf(column) })} onClick={() => set('columns', columns.filter((c) => c !== column))} />
              </Tag>
            )} />
          <Select style={{ width: 240, marginTop: 8 }} value={null} placeholder={t('layouts.addColumn')} aria-label={t('layouts.addColumn')}
            options={fields.filter((f) => !columns.includes(f.value))} onChange={(v: string) => set('columns', [...columns, v])} />
        </div>
      </Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Item pointer={`${at}/display`} label={t('views.display')} help={t('views.displayHelp')}>
            <Radio.Group value={view.display ?? 'table'} onChange={(e) => set('display', e.target.value)}
              options={[{ value: 'table', label: t('views.table') }, { value: 'kanban', label: t('views.kanban') }]} />
          </Item>
        </Col>
        <Col xs={24} md={16}>
          <Item pointer={`${at}/roles`} label={t('views.roles')} help={t('views.rolesHelp')} under>
            <Select mode="multiple" allowClear value={view.roles ?? []} options={roles} onChange={(v) => set('roles', v)} aria-label={t('views.roles')} placeholder={t('pipelines.everyone')} />
          </Item>
        </Col>
      </Row>
    </Form>
  );
}
