import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { JobView } from '../../../../../platform/records/csv-import.ts';
import { perUserRows, type AssignmentOutcome, type Cap, type CapValues, type DryRunStats, type Unassigned } from '../../shared/assignment-outcome.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { errorWords } from '../i18n/error-strings.ts';

export { ruleCapValues } from '../../shared/assignment-outcome.ts';
import type { TranslateParams } from '../i18n/translate.ts';
import type { UiKey } from '../i18n/ui-strings.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { isPoolAdmin } from '../shell/navigation-model.ts';

/** A rule as `GET /assignment-rules` lists it. */
export interface RuleStatus {
  key: string;
  title: unknown;
  object: string;
  pool: string | null;
  match: 'even' | 'minVariance' | 'roundRobin' | 'weighted';
  priority: number;
  schedule: string | null;
  active: boolean;
  activeFrom: string | null;
  activeUntil: string | null;
  lastRunAt: string | null;
  lastAllocations: number | null;
  nextRunAt: string | null;
  /** Whether the caller may run it (older servers do not say: the run answers 403 then). */
  mayRun?: boolean;
  /** Runs started in the background that have not ended, the oldest first. */
  pending?: PendingRun[];
}

/** A run under way, as the rules and runs lists give it: follow it at `GET /jobs/{job}`. */
export interface PendingRun {
  job: string;
  state: 'queued' | 'running';
  createdAt: string;
  startedAt?: string | null;
  actor: { id: string; name: string } | null;
}

/** A real run started in the background, as `GET /jobs/{job}` answers it; once done, `result` holds the run's counts. */
export type AssignmentJob = Pick<JobView, 'state' | 'errors' | 'createdAt' | 'startedAt'> & {
  result: (Pick<AssignmentOutcome, 'stats'> & { rule?: string; runId?: string; asOf?: string }) | null;
};

type T = (key: UiKey, params?: TranslateParams) => string;

/** Why a background run failed (and so assigned nothing), in the user's words where the server gave a known code. */
export function jobFailureText(job: Pick<JobView, 'errors'>, locale: UiLocale, t: T): string {
  const first = job.errors[0];
  if (first?.code === 'user_inactive') return t('ruleRunFailedInactive');
  if (first?.code === 'run_interrupted') return t('ruleRunInterrupted');
  const words = first?.code ? errorWords(first.code)?.[locale] : undefined;
  if (words) return t('ruleRunFailed', { reason: words });
  // A run that broke (`run_failed`): the error itself, which only the server can word.
  if (first?.detail) return t('ruleRunFailed', { reason: first.detail });
  return first?.message ?? t('ruleRunFailed', { reason: '' });
}

/**
 * The line over a preview's or a run's tables: how many of the candidates go to how many people,
 * the most − fewest any of them gets now, how evenly they hold their records after it (the
 * variance of the totals the rule's matching evens out: 0 when all hold alike) and how many stay
 * unassigned.
 *
 * @example
 * outcomeSummary({ candidates: 10, allocated: 8, spread: 1, variance: 2.6667, unassigned: 2, … }, 'zh', t)
 * // '10 条候选，分配 8 条给 3 人 · 本次每人分配数最大差：1 · 分配后持有量方差：2.67 · 未分配：2 条'
 */
export function outcomeSummary(stats: DryRunStats, locale: UiLocale, t: T): string {
  const allocated = stats.allocated ?? 0;
  const people = perUserRows(stats);
  const receivers = people.filter((p) => p.allocated > 0).length;
  const variance = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(stats.variance ?? 0);
  return [
    t('ruleOutcomeSummary', { allocated, candidates: stats.candidates ?? allocated, users: receivers }),
    ...(stats.spread !== undefined && receivers > 0 ? [t('ruleSpread', { spread: stats.spread })] : []),
    ...(stats.variance !== undefined && people.length > 1 ? [t('ruleVariance', { variance })] : []),
    ...((stats.unassignedByReason ?? []).length > 0 ? [t('ruleUnassigned', { count: stats.unassigned ?? 0 })] : []),
  ].join(' · ');
}

const capKeys: Record<Cap, UiKey> = { maxPerDay: 'ruleReason_capDaily', maxTotal: 'ruleReason_capTotal', maxPerOwner: 'ruleReason_capPool' };

/**
 * Why the run left a record without a receiver, in the user's words: the reason codes of
 * platform/assignment (matching.ts, run-assignment.ts); `no_capacity` names the caps that
 * stopped the people, with their values.
 */
export function reasonText(u: Pick<Unassigned, 'reason' | 'caps'>, values: CapValues, t: T): string {
  switch (u.reason) {
    case 'no_users': return t('ruleReason_noUsers');
    case 'cooldown': return t('ruleReason_cooldown');
    case 'claimed_meanwhile': return t('ruleReason_claimedMeanwhile');
    case 'no_capacity': {
      const caps = (u.caps ?? []).filter((c) => values[c] !== undefined);
      if (caps.length === 1) return t(capKeys[caps[0]!], { n: values[caps[0]!]! });
      if (caps.length > 1) return t('ruleReason_capSeveral', { caps: caps.map((c) => t(`ruleCap_${c}`, { n: values[c]! })).join(t('ruleCapSeparator')) });
      return t('ruleReason_noRoom');
    }
    default: return t('ruleReason_other', { reason: u.reason });
  }
}

/**
 * Whether the caller may run some assignment rule, as the server decides it (`mayRun`):
 * administrators, the administrators of the rule's pool, and those whose roles may assign the
 * rule's object. The navigation shows the rules page to them only.
 */
export function mayRunSomeRule(document: MetadataDocument, roles: string[], objects: Pick<ObjectInfo, 'key' | 'actions'>[]): boolean {
  const byKey = new Map(objects.map((o) => [o.key, o]));
  return Object.values(document.assignmentRules ?? {}).some((rule) => {
    if (roles.includes('admin')) return true;
    const pool = rule.pool ? document.pools?.[rule.pool] : undefined;
    if (pool && isPoolAdmin(pool, roles)) return true;
    return byKey.get(rule.object)?.actions.includes('assign') ?? false;
  });
}
