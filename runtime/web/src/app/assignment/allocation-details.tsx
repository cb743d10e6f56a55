import { Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { AssignmentOutcome, CapValues, Unassigned } from '../../shared/assignment-outcome.ts';
import { useRecordTitles } from '../data/use-record-titles.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { allocationPageSize, allocationsOf, pageOf, receivers, type Allocation } from './allocation-rows.ts';
import { reasonText } from './assignment-text.ts';

interface Props {
  /** The rule's object: its records' titles and links. */
  object: string;
  result: AssignmentOutcome;
  names: Map<string, string>;
  caps: CapValues;
}

/**
 * Which record goes to whom (分配明细), one person's share at a time if asked, 20 a page, and the
 * records left without anyone, with why. Titles are asked for only for the rows on the pages shown.
 */
export function AllocationDetails({ object, result, names, caps }: Props) {
  const { t } = useI18n();
  const { tenant } = useSession();
  const [person, setPerson] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [unassignedPage, setUnassignedPage] = useState(1);
  const allocations = useMemo(() => result.allocations ?? [], [result]);
  const rows = useMemo(() => allocationsOf(allocations, person), [allocations, person]);
  const people = useMemo(() => receivers(allocations), [allocations]);
  const unassigned = result.unassigned ?? [];
  const titles = useRecordTitles([...pageOf(rows, page), ...pageOf(unassigned, unassignedPage)].map((r) => ({ object, recordId: r.recordId })));
  const ranked = allocations.some((a) => a.priority !== undefined);
  // A record whose title the viewer may not read (or one deleted since) is named by its id, with no link to a page they would find empty.
  const record = (id: string) => {
    const title = titles.get(id);
    return title === undefined ? <Typography.Text type="secondary" copyable={{ text: id }}>{id}</Typography.Text> : <Link to={paths.record(tenant, object, id)}>{title}</Link>;
  };
  const pagination = (current: number, onChange: (n: number) => void) => (
    { current, onChange, pageSize: allocationPageSize, size: 'small' as const, showSizeChanger: false, hideOnSinglePage: true }
  );

  return (
    <>
      {allocations.length > 0 && (
        <section aria-label={t('ruleAllocations')} style={{ marginTop: 12 }}>
          <div className="shoal-page-head">
            <Typography.Title level={5} style={{ margin: 0 }}>{t('ruleAllocations')}</Typography.Title>
            <Select
              allowClear size="small" style={{ minWidth: 180 }} aria-label={t('ruleAllocationsPerson')} placeholder={t('ruleAllocationsEveryone')}
              value={person} onChange={(value: string | undefined) => { setPerson(value); setPage(1); }}
              options={people.map((p) => ({ value: p.userId, label: t('ruleAllocationsShare', { name: names.get(p.userId) ?? p.userId, count: p.count }) }))}
            />
          </div>
          <Table<Allocation>
            size="small" rowKey="recordId" dataSource={rows} pagination={pagination(page, setPage)}
            columns={[
              { key: 'record', title: t('ruleRecord'), render: (_: unknown, a) => record(a.recordId) },
              { key: 'person', title: t('rulePerson'), render: (_: unknown, a) => names.get(a.userId) ?? a.userId },
              ...(ranked ? [{
                key: 'rank', title: <Tooltip title={t('ruleQueuePositionHelp')}>{t('ruleQueuePosition')}</Tooltip>, dataIndex: 'priority', align: 'right' as const,
              }] : []),
            ]}
          />
        </section>
      )}
      {unassigned.length > 0 && (
        <section aria-label={t('ruleUnassignedRecords')} style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t('ruleUnassignedRecords')}</Typography.Title>
          <Table<Unassigned>
            size="small" rowKey="recordId" dataSource={unassigned} pagination={pagination(unassignedPage, setUnassignedPage)}
            columns={[
              { key: 'record', title: t('ruleRecord'), render: (_: unknown, u) => record(u.recordId) },
              { key: 'reason', title: t('ruleReason'), render: (_: unknown, u) => reasonText(u, caps, t) },
            ]}
          />
        </section>
      )}
    </>
  );
}
