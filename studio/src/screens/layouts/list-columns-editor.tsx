import { CloseOutlined } from '@ant-design/icons';
import { Button, Form, Select, Tag } from 'antd';
import { moveItem } from '../../document/draft-state.ts';
import { fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { useFieldChoices } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';
import { OrderByInput, useSortChoices } from '../../ui/order-by-input.tsx';
import { SortableList } from '../../ui/sortable-list.tsx';

/** The list page: columns in drag order, and its default sort. */
export function ListColumnsEditor({ object }: { object: string }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const at = ptr('layouts', object, 'list');
  const list = document.layouts?.[object]?.list;
  const columns = list?.columns ?? [];
  const choices = useFieldChoices(object, { system: true });
  const write = (next: string[]) => apply(next.length > 0 ? setAt(`${at}/columns`, next) : setAt(at, list?.orderBy ? { columns: [], orderBy: list.orderBy } : undefined));
  const sortable = useSortChoices(object, choices);
  // Named as the app names the column, for the drag handle, its announcements and the remove button.
  const nameOf = (column: string) => fieldName(document, object, column, locale);
  const setOrderBy = (orderBy: string | undefined) => apply(setAt(at, { columns, ...(orderBy ? { orderBy } : {}) }));
  return (
    <Form layout="vertical" component="div">
      <Item pointer={`${at}/columns`} label={t('layouts.columns')} help={t('layouts.columnsHelp')}>
        <div>
          <SortableList horizontal items={columns} idOf={(c) => `col:${c}`} labelOf={nameOf} onMove={(from, to) => write(moveItem(columns, from, to))}
            render={(column, index, handle) => (
              <Tag style={{ padding: '2px 4px', margin: 0 }} data-pointer={`${at}/columns/${index}`}>
                {handle}{choices.find((c) => c.value === column)?.label ?? column}
                <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('layouts.removeColumn', { field: nameOf(column) })} onClick={() => write(columns.filter((c) => c !== column))} />
                <ProblemText pointer={`${at}/columns/${index}`} />
              </Tag>
            )} />
          <Select style={{ width: 260, marginTop: 8 }} placeholder={t('layouts.addColumn')} value={null} aria-label={t('layouts.addColumn')} showSearch={{ optionFilterProp: 'label' }}
            options={choices.filter((c) => !columns.includes(c.value))} onChange={(v: string) => write([...columns, v])} />
        </div>
      </Item>
      <Item pointer={`${at}/orderBy`} label={t('layouts.orderBy')} help={t('layouts.orderByHelp')}>
        <OrderByInput value={list?.orderBy} onChange={setOrderBy} choices={sortable} />
      </Item>
    </Form>
  );
}
