import { AppstoreOutlined, DeleteOutlined, EditOutlined, FilterOutlined, OrderedListOutlined, SaveOutlined, TableOutlined } from '@ant-design/icons';
import { Badge, Button, Divider, Input, Modal, Popconfirm, Segmented, Select, Space } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { BaseView, ViewChoice } from './list-views.ts';

const ManageViewsDialog = lazy(() => import('./manage-views-dialog.tsx').then((m) => ({ default: m.ManageViewsDialog })));

interface Props {
  view: BaseView;
  choices: ViewChoice[];
  onView: (key: string | undefined) => void;
  /** The search box's text (`searchPlaceholder`); no box when undefined. */
  searchLabel: string | undefined;
  /** The text searched for when the list opened (its address kept it). */
  searchText?: string;
  onSearch: (text: string) => void;
  filterCount: number;
  filterOpen: boolean;
  onToggleFilter: () => void;
  display: 'table' | 'kanban';
  onDisplay: ((display: 'table' | 'kanban') => void) | undefined;
  /** Saves a new personal view; false when the server refused it (the name box stays open). */
  /** Saves what the list shows as a new view of the user's; absent (the button disabled) until their views are read. */
  onSaveView?: (label: string) => Promise<boolean>;
  /** Saves what a personal view shows now into it (only when it was changed). */
  onSaveChanges: (() => void) | undefined;
  /** Renames the personal view shown; false when refused. */
  onRenameView: ((label: string) => Promise<boolean>) | undefined;
  onDeleteView: (() => void) | undefined;
  /** Saves the order of the user's own views (their keys); false when refused. Offered once the user has two views to order. */
  onReorderViews: ((keys: string[]) => Promise<boolean>) | undefined;
  /** More tools after the view's own (columns, export, import). */
  children?: ReactNode;
}

/** The view picker, quick search, filter toggle, table/board switch, saving views, and the list's tools. */
export function ListToolbar(props: Props) {
  const { t } = useI18n();
  const [naming, setNaming] = useState<'new' | 'rename' | undefined>();
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  // Undefined until first opened: the dialog (and its drag and drop) loads only then.
  const [managing, setManaging] = useState<boolean | undefined>();
  const manage = () => { setMenuOpen(false); setManaging(true); };
  const submit = async () => {
    const label = name.trim();
    if (!label || saving) return;
    setSaving(true);
    const saved = await (naming === 'rename' ? props.onRenameView?.(label) : props.onSaveView?.(label));
    setSaving(false);
    if (saved) setNaming(undefined);
  };
  const shared = props.choices.filter((c) => !c.personal);
  const mine = props.choices.filter((c) => c.personal);
  const canManage = props.onReorderViews !== undefined && mine.length > 1;
  return (
    <Space wrap size={8} style={{ marginBottom: 12 }}>
      <Select
        aria-label={t('view')}
        style={{ minWidth: 180 }}
        value={props.view.key ?? ''}
        onChange={(key: string) => props.onView(key || undefined)}
        open={menuOpen}
        onOpenChange={setMenuOpen}
        popupRender={(menu) => (canManage ? (
          <>
            {menu}
            <Divider style={{ margin: '4px 0' }} />
            {/* The menu's own way in, where the user looks for their views; the button beside it serves the keyboard. */}
            <Button type="link" size="small" icon={<OrderedListOutlined />} onMouseDown={(e) => e.preventDefault()} onClick={manage}>{t('manageViews')}</Button>
          </>
        ) : menu)}
        options={[
          { value: '', label: t('allRecords') },
          ...(shared.length ? [{ label: t('savedViews'), options: shared.map((c) => ({ value: c.key, label: c.label })) }] : []),
          ...(mine.length ? [{ label: t('personalViews'), options: mine.map((c) => ({ value: c.key, label: c.label })) }] : []),
        ]}
      />
      {canManage && <Button icon={<OrderedListOutlined />} aria-label={t('manageViews')} title={t('manageViews')} onClick={manage} />}
      {props.searchLabel && (
        <Input.Search allowClear aria-label={props.searchLabel} placeholder={props.searchLabel} defaultValue={props.searchText}
          style={{ width: 220 }} onSearch={props.onSearch} onChange={(e) => { if (!e.target.value) props.onSearch(''); }} />
      )}
      <Badge count={props.filterCount} size="small">
        <Button icon={<FilterOutlined />} aria-expanded={props.filterOpen} onClick={props.onToggleFilter}>{t('filter')}</Button>
      </Badge>
      {props.onDisplay && (
        <Segmented
          aria-label={t('view')}
          value={props.display}
          onChange={(v) => props.onDisplay?.(v as 'table' | 'kanban')}
          options={[
            { value: 'table', icon: <TableOutlined />, label: t('table') },
            { value: 'kanban', icon: <AppstoreOutlined />, label: t('kanban') },
          ]}
        />
      )}
      {props.children}
      {props.onSaveChanges && <Button type="primary" ghost icon={<SaveOutlined />} onClick={props.onSaveChanges}>{t('saveViewChanges')}</Button>}
      <Button icon={<SaveOutlined />} disabled={!props.onSaveView} onClick={() => { setName(''); setNaming('new'); }}>{t('saveView')}</Button>
      {props.onRenameView && (
        <Button icon={<EditOutlined />} aria-label={t('renameView')} title={t('renameView')} onClick={() => { setName(props.view.label); setNaming('rename'); }} />
      )}
      {props.onDeleteView && (
        <Popconfirm title={t('deleteView')} onConfirm={props.onDeleteView} okText={t('delete')} cancelText={t('cancel')} cancelButtonProps={{ autoFocus: true }}>
          <Button icon={<DeleteOutlined />} aria-label={t('deleteView')} />
        </Popconfirm>
      )}
      {managing !== undefined && props.onReorderViews && (
        <Suspense fallback={null}>
          <ManageViewsDialog open={managing} views={mine} onSave={props.onReorderViews} onClose={() => setManaging(false)} />
        </Suspense>
      )}
      {/* Made afresh each time it opens, so the name box takes the focus every time, not only the first. */}
      <Modal open={naming !== undefined} destroyOnHidden title={t(naming === 'rename' ? 'renameView' : 'saveView')} okText={t('save')} cancelText={t('cancel')}
        okButtonProps={{ disabled: !name.trim() }} confirmLoading={saving} onCancel={() => setNaming(undefined)} onOk={() => void submit()}>
        <Input aria-label={t('viewName')} placeholder={t('viewName')} value={name} autoFocus maxLength={100} onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void submit()} />
      </Modal>
    </Space>
  );
}
