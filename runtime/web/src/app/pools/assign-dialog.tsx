import { Form, Input, Modal, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { FilterJson } from '../../../../../platform/metadata/metadata-types.ts';
import { ApiError, type ApiClient } from '../../shared/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { personName } from '../data/record-search.ts';
import { useDialogState } from '../forms/use-dialog-state.ts';
import type { Page } from '../lists/use-record-pages.ts';
import { useSession } from '../session/tenant-session.tsx';
import { useHeldCounts } from './held-counts.ts';

interface Props {
  open: boolean;
  busy: boolean;
  pool: string;
  object: string;
  /** The dialog's title ("Assign 3 records"); "Assign" when absent. */
  title?: string;
  onAssign: (userId: string, name: string) => void;
  onCancel: () => void;
}

interface Person { id: string; name: string }

type Search = (target: string, text: string) => Promise<Array<{ id: string; title: string }>>;

/**
 * People a record can be handed to: the pool's active members (its `members` filter over users,
 * asked of the `user` object). Where the server cannot answer that (an older server, or a members
 * filter on attributes, which only admins may filter by), the colleagues the caller may list, or
 * the people who hold records the caller can see; the server refuses anyone outside the pool.
 */
async function assignablePeople(api: ApiClient, search: Search, members: FilterJson | undefined, object: string): Promise<Person[]> {
  const where = members ? { $and: [{ active: true }, members] } : { active: true };
  try {
    const page = await api.get<{ data: Array<{ id: string; name: string; email: string }> }>('/records/user', { where, limit: 500 });
    return page.data.map((u) => ({ id: u.id, name: u.name ? `${u.name} <${u.email}>` : u.email }));
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 400 || error.status === 404))) throw error;
  }
  const users = await search('user', '');
  if (users.length > 0) return users.map((u) => ({ id: u.id, name: u.title }));
  const page = await api.get<Page>(`/records/${object}`, { where: { owner: { $null: false } }, expand: 'owner', limit: 500, orderBy: '-updatedAt', fields: 'id' }).catch((): Page => ({ data: [], nextCursor: null }));
  const seen = new Map<string, string>();
  for (const r of page.data) {
    const owner = r.owner as { id?: string; name?: string } | null;
    if (owner?.id && !seen.has(owner.id)) seen.set(owner.id, owner.name ?? owner.id);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

export function AssignDialog({ open, busy, pool, object, title, onAssign, onCancel }: Props) {
  const { t } = useI18n();
  const { api, search, document } = useSession();
  const definition = document.pools?.[pool];
  const members = definition?.members;
  const [people, setPeople] = useState<Person[] | undefined>(undefined);
  // Nobody picked each time it opens: the dialog stays mounted from one record (or selection) to the next.
  const [userId, setUserId] = useDialogState<string | undefined>(open, undefined);
  const held = useHeldCounts(open, pool);
  useEffect(() => {
    if (!open || people) return;
    assignablePeople(api, search, members, object).then(setPeople, () => setPeople([]));
  }, [open, people, api, search, members, object]);
  const valid = !!userId && /^[0-9a-f-]{36}$/i.test(userId);
  // Said back by name ("已将 2 条分配给 王磊"); the picker shows the e-mail too, to tell namesakes apart.
  const name = (id: string) => personName(people?.find((p) => p.id === id)?.name ?? id);
  const load = (id: string) => {
    if (!held) return '';
    const count = held.get(id) ?? 0;
    return ` · ${definition?.maxPerOwner !== undefined ? t('holdsOf', { count, limit: definition.maxPerOwner }) : t('holds', { count })}`;
  };
  // Offered once both answers are in: a name first shown bare, then with its load, is a list that
  // changes under the pointer (and a pick made meanwhile is made without the load to weigh).
  const answered = people !== undefined && held !== undefined;
  return (
    <Modal open={open} title={title ?? t('assign')} okText={t('assign')} cancelText={t('cancel')} okButtonProps={{ disabled: !valid, loading: busy }}
      onOk={() => userId && onAssign(userId, name(userId))} onCancel={onCancel} destroyOnHidden>
      <Form layout="vertical" component="div">
        <Form.Item label={t('assignTo')} required htmlFor="assign-user" extra={people && people.length === 0 ? t('userIdHint') : undefined}>
          {people && people.length === 0
            ? <Input id="assign-user" value={userId} onChange={(e) => setUserId(e.target.value.trim())} />
            : <Select id="assign-user" loading={!answered} notFoundContent={answered ? undefined : <Spin size="small" />} value={userId} onChange={setUserId} showSearch={{ optionFilterProp: 'label' }}
                options={(answered ? people : []).map((p) => ({ value: p.id, label: `${p.name}${load(p.id)}` }))} />}
        </Form.Item>
      </Form>
    </Modal>
  );
}
