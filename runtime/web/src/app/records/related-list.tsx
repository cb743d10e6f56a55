import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useCallback } from 'react';
import type { Label } from '../../shared/labels.ts';
import { labelOf } from '../../shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { listRequest } from '../lists/list-query.ts';
import { LoadMore } from '../lists/load-more.tsx';
import { RecordList } from '../lists/record-list.tsx';
import { useRecordPages, type Page } from '../lists/use-record-pages.ts';
import { objectLabel, visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState } from '../shell/page-states.tsx';

interface Props {
  parent: ObjectInfo;
  parentId: string;
  /** The parent's version: the list reads again when the parent changes (a stage move can create related records). */
  parentVersion?: number | undefined;
  related: string;
  /** The related records the caller may create pointing at the parent, as `object.field` (the record's `Shoal-Creatable`). */
  creatable: ReadonlySet<string>;
  field?: string;
  label?: Label;
}

/** Records of another object whose lookup points at this record (`{ related: visit }`). */
export function RelatedList({ parent, parentId, parentVersion, related, creatable, field, label }: Props) {
  const { api, objectMap, document, tenant } = useSession();
  const { t, locale } = useI18n();
  const object = objectMap.get(related);
  const link = object?.fields.find((f) => f.type === 'lookup' && f.target === parent.key && f.readable && (!field || f.key === field));
  const layout = document.layouts?.[related]?.list;
  const columns = object ? visibleColumns(object, layout?.columns).filter((c) => c !== link?.key) : [];
  const orderBy = layout?.orderBy ?? '-createdAt';
  const fetchPage = useCallback((cursor: string | undefined) => {
    if (!object || !link) return Promise.resolve<Page>({ data: [], nextCursor: null });
    const request = listRequest(object, { columns, orderBy, display: 'table', where: { [link.key]: parentId } }, { limit: 10 });
    return api.post<Page>(`/records/${object.key}/query`, { ...request, ...(cursor ? { cursor } : {}) });
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, object, link?.key, parentId, orderBy, columns.join(',')]);
  const pages = useRecordPages(fetchPage, [fetchPage, parentVersion]);
  if (!object || !link) return null;
  const title = label ? labelOf(label, locale) : objectLabel(object, locale, true);
  const canAdd = creatable.has(`${object.key}.${link.key}`);
  return (
    <Card size="small" style={{ marginBottom: 12 }}
      title={`${title}${pages.total !== undefined ? ` (${pages.total})` : ''}`}
      extra={canAdd ? (
        <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(paths.create(tenant, object.key, { [link.key]: parentId }, { object: parent.key, id: parentId }))}>
          {t('addRelated', { object: objectLabel(object, locale) })}
        </Button>
      ) : null}>
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} />}
      <RecordList object={object} columns={columns} records={pages.records} loading={pages.loading} emptyText={t('noRelatedYet', { objects: locale === 'en' ? inSentence(title) : title })} />
      {pages.hasMore && <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={pages.records.length} total={pages.total} />}
    </Card>
  );
}

/** A plural label inside an English sentence: Visits → visits (KPs stays). */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}
