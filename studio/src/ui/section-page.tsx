import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Menu, Popconfirm, Row, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { itemKeyPattern } from '../../../platform/metadata/metadata-types.ts';
import { navigate, tenantPath } from '../app/router.ts';
import type { Edit } from '../document/draft-state.ts';
import { ptr } from '../document/json-pointer.ts';
import type { ScreenKey } from '../document/pointer-route.ts';
import { removeItem, renameItem, type ItemSection } from '../document/section-ops.ts';
import { useT } from '../i18n/i18n.tsx';
import { useApply, useSnapshot, useStudio } from '../state/studio-context.tsx';
import { AddItemModal, type AddItemValues } from './add-item-modal.tsx';
import { SortableItemMenu } from './sortable-item-menu.tsx';
import { EmptyState } from './empty-state.tsx';
import { KeyInput } from './key-input.tsx';

export interface SectionPageProps {
  section: ItemSection;
  screen: ScreenKey;
  itemKey: string | undefined;
  title: string;
  intro: string;
  items: Record<string, unknown>;
  itemTitle: (key: string) => string;
  /** What the item is, shown after its name and key where they are shown (a role's "2 rules"). */
  itemSummary?: (key: string) => string;
  create: (values: AddItemValues) => Edit;
  /** Object choices when items belong to objects. */
  objects?: Array<{ value: string; label: string }>;
  keyIsObject?: boolean;
  suggestKey?: (object: string | undefined) => string;
  /** The add dialog asks for the item's label (see AddItemModal), which may be optional. */
  asksLabel?: boolean;
  labelOptional?: boolean;
  emptyTitle: string;
  emptyDescription: string;
  renderEditor: (key: string) => ReactNode;
  /** Extra removal (e.g. a pipeline takes its stage field); default removes the item. */
  remove?: (key: string) => Edit;
  /** The items' order means something (pools): they are numbered and moved by drag and drop or keyboard, `orderHelp` saying what the order does. */
  move?: (from: number, to: number) => Edit;
  orderHelp?: string;
  /** A short warning beside an item in the list. */
  itemWarning?: (key: string) => string | undefined;
}

function ItemBadge({ section, itemKey }: { section: string; itemKey: string }) {
  const { problems } = useSnapshot();
  const base = ptr(section, itemKey);
  const count = problems.filter((p) => p.path === base || p.path.startsWith(`${base}/`)).length;
  return count > 0 ? <Badge count={count} size="small" /> : null;
}

/** A list of items of one section (pipelines, pools …) beside the editor of the selected one. */
export function SectionPage(props: SectionPageProps) {
  const t = useT();
  const { tenant } = useStudio();
  const apply = useApply();
  const [adding, setAdding] = useState(false);
  const keys = Object.keys(props.items);
  // The one item there is opens at once, rather than behind "Pick an item on the left".
  const selected = props.itemKey && keys.includes(props.itemKey) ? props.itemKey : keys.length === 1 ? keys[0] : undefined;
  const go = (key?: string) => navigate(tenantPath(tenant, key ? `${props.screen}/${key}` : props.screen));
  const add = (values: AddItemValues) => {
    apply(props.create(values));
    setAdding(false);
    go(values.key);
  };
  // An item by its name, its key beside it in grey (a role: then what it may do).
  const nameAndAside = (key: string) => {
    const name = props.itemTitle(key);
    return [name, [name !== key ? key : '', props.itemSummary?.(key) ?? ''].filter(Boolean).join(' · ') || key] as const;
  };
  // Beside the key the card's title shows: the name (when it is not the key) and the summary.
  const titleAside = (key: string) => (props.itemSummary ? [props.itemTitle(key), props.itemSummary(key)].filter((part) => part !== key).join(' · ') : props.itemTitle(key));
  const itemContent = (key: string) => {
    const [name, aside] = nameAndAside(key);
    return <>{name}{aside !== name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{aside}</Typography.Text>}<ItemBadge section={props.section} itemKey={key} /></>;
  };
  const addButton = <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('common.add')}</Button>;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{props.title}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>{props.intro}</Typography.Paragraph>
      {keys.length === 0 ? (
        <Card><EmptyState title={props.emptyTitle} description={props.emptyDescription} action={addButton} /></Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Card size="small" title={t('common.items', { n: keys.length })} extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} aria-label={t('common.add')} />}>
              {props.move ? (
                <>
                  <SortableItemMenu keys={keys} selected={selected} content={itemContent} nameOf={(key) => nameAndAside(key)[0]} warningOf={props.itemWarning}
                    onOpen={go} onMove={(from, to) => apply(props.move!(from, to))} />
                  {props.orderHelp && <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{props.orderHelp}</Typography.Paragraph>}
                </>
              ) : (
                <Menu mode="inline" selectedKeys={selected ? [selected] : []} style={{ borderInlineEnd: 'none' }}
                  items={keys.map((key) => ({ key, label: <Space>{itemContent(key)}</Space> }))}
                  onClick={({ key }) => go(key)} />
              )}
            </Card>
          </Col>
          <Col xs={24} md={18}>
            {selected ? (
              <Card
                title={
                  <Space>
                    {props.keyIsObject ? <Typography.Text code>{selected}</Typography.Text> : (
                      <KeyInput ariaLabel={t('common.key')} value={selected} pattern={itemKeyPattern} taken={keys.filter((k) => k !== selected)}
                        onCommit={(next) => { apply(renameItem(props.section, selected, next)); go(next); }} />
                    )}
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{titleAside(selected)}</Typography.Text>
                  </Space>
                }
                extra={
                  <Popconfirm title={t('common.removeConfirm', { key: props.itemTitle(selected) })} onConfirm={() => { apply((props.remove ?? ((k: string) => removeItem(props.section, k)))(selected)); go(); }} okText={t('common.remove')} cancelText={t('common.cancel')}>
                    <Button danger icon={<DeleteOutlined />}>{t('common.remove')}</Button>
                  </Popconfirm>
                }
              >
                {props.renderEditor(selected)}
              </Card>
            ) : (
              <Card><EmptyState title={t('common.pick')} /></Card>
            )}
          </Col>
        </Row>
      )}
      <AddItemModal open={adding} title={props.title} onCancel={() => setAdding(false)} onAdd={add} keyPattern={itemKeyPattern}
        takenKeys={keys} objects={props.objects} keyIsObject={props.keyIsObject} suggestKey={props.suggestKey} asksLabel={props.asksLabel} labelOptional={props.labelOptional} />
    </div>
  );
}
