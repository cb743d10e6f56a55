import { Alert, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { StudioApi, UserSummary } from '../../api/studio-api.ts';
import { lostRoles, replaceRole, type LostRole } from '../../document/role-holders.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';

/** For each role people lose: the role they get instead once published (null: none). */
export type RoleMoves = Record<string, string | null>;

/**
 * The roles this publish takes from people (removed or renamed: people keep role keys, the
 * document does not), and which role each one's holders get instead; a renamed role's new key
 * is chosen from the start.
 */
export function useLostRoles(): { lost: Array<LostRole<UserSummary>>; moves: RoleMoves; setMove: (role: string, to: string | null) => void } {
  const { api } = useStudio();
  const { live, draft } = useSnapshot();
  const [people, setPeople] = useState<UserSummary[]>([]);
  const [chosen, setChosen] = useState<RoleMoves>({});
  useEffect(() => { api.allUsers().then(setPeople, () => setPeople([])); }, [api]);
  const lost = lostRoles(live?.document, draft.document, people);
  const moves = Object.fromEntries(lost.map((l) => [l.role, l.role in chosen ? chosen[l.role]! : l.renamedTo ?? null]));
  return { lost, moves, setMove: (role, to) => setChosen((c) => ({ ...c, [role]: to })) };
}

/** After publishing: gives each lost role's holders the role chosen for them. Returns how many people changed. */
export async function moveRoleHolders(api: StudioApi, lost: Array<LostRole<UserSummary>>, moves: RoleMoves): Promise<number> {
  let moved = 0;
  for (const { role, holders } of lost) {
    const to = moves[role];
    if (!to) continue;
    for (const person of holders) {
      await api.updateUser(person.id, { roles: replaceRole(person.roles, role, to) });
      moved++;
    }
  }
  return moved;
}

export function LostRolesAlert({ lost, moves, setMove }: ReturnType<typeof useLostRoles>) {
  const t = useT();
  const { draft } = useSnapshot();
  const roleName = useRoleName();
  if (lost.length === 0) return null;
  const choices = Object.keys(draft.document.roles ?? {}).map((r) => ({ value: r, label: roleName(r) }));
  return (
    <Alert type="warning" showIcon data-testid="lost-roles" title={t('publish.lostRoles')}
      description={(
        <Space orientation="vertical" style={{ width: '100%' }}>
          {lost.map(({ role, holders }) => (
            <div key={role}>
              <Typography.Text>{t('publish.lostRole', { role: roleName(role), n: holders.length, people: holders.map((p) => p.name).join(', ') })}</Typography.Text>
              <Space style={{ marginLeft: 8 }}>
                <Typography.Text type="secondary">{t('publish.lostRoleInstead')}</Typography.Text>
                <Select size="small" style={{ minWidth: 160 }} value={moves[role] ?? ''} onChange={(v: string) => setMove(role, v || null)}
                  options={[{ value: '', label: t('publish.lostRoleNone') }, ...choices]} aria-label={t('publish.lostRoleInsteadOf', { role: roleName(role) })} />
              </Space>
            </div>
          ))}
        </Space>
      )} />
  );
}
