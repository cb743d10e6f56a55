import type { Cap, CapValues, Unassigned } from '../../../../runtime/web/src/shared/assignment-outcome.ts';
import type { MessageKey } from '../../i18n/i18n.tsx';

export type { Cap, CapValues, Unassigned } from '../../../../runtime/web/src/shared/assignment-outcome.ts';

const capWords: Record<Cap, { key: MessageKey; var: string }> = {
  maxPerDay: { key: 'rules.reason.capDaily', var: 'perDay' },
  maxTotal: { key: 'rules.reason.capTotal', var: 'total' },
  maxPerOwner: { key: 'rules.reason.capPool', var: 'limit' },
};

const capPhrases: Record<Cap, MessageKey> = { maxPerDay: 'rules.cap.daily', maxTotal: 'rules.cap.total', maxPerOwner: 'rules.cap.pool' };

/**
 * The words for a reason code of platform/assignment (matching.ts, run-assignment.ts).
 * `no_capacity` names the caps the server says stopped the people (`caps`), with their values.
 * `phrase` turns one cap's message into text, for a list of several.
 */
export function reasonMessage(u: Pick<Unassigned, 'reason' | 'caps'>, values: CapValues, phrase: (key: MessageKey, vars: Record<string, string | number>) => string): { key: MessageKey; vars?: Record<string, string | number> } {
  switch (u.reason) {
    case 'no_users': return { key: 'rules.reason.noUsers' };
    case 'cooldown': return { key: 'rules.reason.cooldown' };
    case 'claimed_meanwhile': return { key: 'rules.reason.claimedMeanwhile' };
    case 'no_capacity': {
      const caps = (u.caps ?? []).filter((c) => values[c] !== undefined);
      if (caps.length === 1) {
        const cap = caps[0]!;
        return { key: capWords[cap].key, vars: { [capWords[cap].var]: values[cap]! } };
      }
      if (caps.length > 1) return { key: 'rules.reason.capSeveral', vars: { caps: caps.map((c) => phrase(capPhrases[c], { n: values[c]! })).join(phrase('rules.cap.separator', {})) } };
      return { key: 'rules.reason.noRoom' };
    }
    default: return { key: 'rules.reason.other', vars: { reason: u.reason } };
  }
}
