import type { MessageKey } from '../../i18n/i18n.tsx';

/** A record the run left without a receiver, as `POST …/assignment-rules/{r}/run` reports it. */
export interface Unassigned {
  recordId: string;
  reason: string;
}

/** The rule's caps, to say which cap `no_capacity` can mean (the server's code covers both). */
export interface RuleCaps {
  maxPerDay?: number;
  maxTotal?: number;
}

export interface ReasonGroup {
  reason: string;
  count: number;
}

/** Counts per reason, in the order the reasons first occur. */
export function reasonGroups(unassigned: Unassigned[] | undefined): ReasonGroup[] {
  const counts = new Map<string, number>();
  for (const u of unassigned ?? []) counts.set(u.reason, (counts.get(u.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/**
 * The words for a reason code of platform/assignment (matching.ts, run-assignment.ts).
 * `no_capacity` is sent for a daily cap and a total cap alike; the rule's caps narrow it down
 * when it sets only one of them.
 */
export function reasonMessage(reason: string, caps: RuleCaps = {}): { key: MessageKey; vars?: Record<string, string | number> } {
  switch (reason) {
    case 'no_users': return { key: 'rules.reason.noUsers' };
    case 'cooldown': return { key: 'rules.reason.cooldown' };
    case 'claimed_meanwhile': return { key: 'rules.reason.claimedMeanwhile' };
    case 'no_capacity': {
      const daily = caps.maxPerDay !== undefined;
      const total = caps.maxTotal !== undefined;
      if (daily && total) return { key: 'rules.reason.capEither', vars: { perDay: caps.maxPerDay!, total: caps.maxTotal! } };
      if (daily) return { key: 'rules.reason.capDaily', vars: { perDay: caps.maxPerDay! } };
      if (total) return { key: 'rules.reason.capTotal', vars: { total: caps.maxTotal! } };
      return { key: 'rules.reason.noRoom' };
    }
    default: return { key: 'rules.reason.other', vars: { reason } };
  }
}
