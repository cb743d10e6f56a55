import type { PoolDefinition } from '../metadata/metadata-types.ts';
import { addDays, addInZone, localDate, startOfInZone } from '../time/zoned-time.ts';
import type { Random } from './random.ts';
import type { PoolPlanSpec, Range } from './sample-data-types.ts';

const dayMs = 86_400_000;

/** What the plan decided for one pooled record. */
export interface PoolDecision {
  poolState: 'public' | 'private';
  ownerKey?: string;
  claimedAt?: Date;
  claimedDaysAgo?: number;
  /** Visits to create, oldest first, with who made them. */
  visits: Array<{ at: Date; ownerKey: string }>;
}

/** One pooled record as the plan sees it. */
export interface PoolCandidate {
  stage: string | undefined;
  /** Whether the stage is a won stage (won records do not count against `maxPerOwner`). */
  won: boolean;
  /** Whether the record matches the pool's `exempt` filter (never released automatically). */
  exempt: boolean;
  createdAt: Date;
  createdDaysAgo: number;
}

/**
 * Decides who holds pooled records, since when, and when they were visited, so that a fresh
 * tenant shows a believable pool that the release sweep leaves alone: claims respect
 * `maxPerOwner` and `maxClaimsPerDay`; a private record that is not exempt was claimed less
 * than `holdDays` and `releaseIfNotWonDays` ago, and was visited within the last
 * `releaseIfNoVisitDays` (or claimed within them). Extensions are not used.
 */
export class PoolPlanner {
  /** Private records per owner that count against maxPerOwner. */
  readonly #held = new Map<string, number>();
  /** Claims per owner and local day. */
  readonly #claims = new Map<string, number>();

  constructor(
    private readonly pool: PoolDefinition,
    private readonly plan: PoolPlanSpec,
    /** Users allowed to hold records of this pool (owners filter ∩ pool members), in spec order. */
    private readonly owners: string[],
    private readonly now: Date,
    private readonly zone: string,
  ) {}

  decide(record: PoolCandidate, rng: Random): PoolDecision {
    const share = this.plan.claimed[record.stage ?? 'default'] ?? 0;
    if (this.owners.length > 0 && rng.chance(share)) {
      const decision = this.#claim(record, rng);
      if (decision) return decision;
    }
    return { poolState: 'public', visits: this.#earlierVisits(record, rng) };
  }

  #claim(record: PoolCandidate, rng: Random): PoolDecision | undefined {
    const visited = rng.chance(this.plan.visited ?? 0);
    const days = this.#claimAge(record, visited, rng);
    const claimedAt = this.#claimInstant(record, days, rng);
    const day = localDate(claimedAt, this.zone);
    const ownerKey = rng.shuffle(this.owners).find((o) => this.#canClaim(o, day, record.won));
    if (!ownerKey) return undefined;
    this.#claims.set(`${ownerKey}|${day}`, (this.#claims.get(`${ownerKey}|${day}`) ?? 0) + 1);
    if (!record.won) this.#held.set(ownerKey, (this.#held.get(ownerKey) ?? 0) + 1);
    const visits = visited ? this.#visitsSince(claimedAt, ownerKey, record.exempt, rng) : [];
    const claimedDaysAgo = Math.floor((this.now.getTime() - claimedAt.getTime()) / dayMs);
    return { poolState: 'private', ownerKey, claimedAt, claimedDaysAgo, visits };
  }

  /** Whole days since the claim: any age up to the record's own for exempt records, else within every deadline. */
  #claimAge(record: PoolCandidate, visited: boolean, rng: Random): number {
    if (record.exempt) {
      const [min, max] = this.plan.exemptClaimedDaysAgo ?? [5, 120];
      return Math.min(record.createdDaysAgo, rng.int(min, max));
    }
    const limits = [this.pool.holdDays, this.pool.releaseIfNotWonDays, visited ? undefined : this.pool.releaseIfNoVisitDays]
      .filter((d): d is number => d !== undefined && d > 0)
      .map((d) => d - 1);
    const limit = Math.min(record.createdDaysAgo, ...limits);
    return rng.int(0, Math.max(0, limit));
  }

  #claimInstant(record: PoolCandidate, days: number, rng: Random): Date {
    const at = workingTimeOn(addDays(this.now, -days), rng, this.zone).getTime();
    const earliest = record.createdAt.getTime();
    const latest = this.now.getTime();
    if (at > latest) return new Date(Math.max(earliest, latest - rng.int(5, 120) * 60_000));
    if (at < earliest) return new Date(Math.min(latest, earliest + rng.int(5, 120) * 60_000));
    return new Date(at);
  }

  #canClaim(ownerKey: string, day: string, won: boolean): boolean {
    const perDay = this.pool.maxClaimsPerDay;
    if (perDay !== undefined && (this.#claims.get(`${ownerKey}|${day}`) ?? 0) >= perDay) return false;
    const max = this.pool.maxPerOwner;
    return won || max === undefined || (this.#held.get(ownerKey) ?? 0) < max;
  }

  /** Visits since the claim; unless exempt, the latest one within the no-visit deadline. */
  #visitsSince(claimedAt: Date, ownerKey: string, exempt: boolean, rng: Random): Array<{ at: Date; ownerKey: string }> {
    const [min, max] = this.plan.visits ?? [1, 3];
    const count = Math.max(1, rng.int(min, max));
    const noVisit = this.pool.releaseIfNoVisitDays;
    const lastFrom = !exempt && noVisit ? Math.max(claimedAt.getTime(), this.now.getTime() - (noVisit - 1) * dayMs) : claimedAt.getTime();
    const last = timeBetween(new Date(lastFrom), this.now, rng, this.zone);
    const earlier = Array.from({ length: count - 1 }, () => timeBetween(claimedAt, last, rng, this.zone));
    return [...earlier, last].sort((a, b) => a.getTime() - b.getTime()).map((at) => ({ at, ownerKey }));
  }

  /** Public records may carry visits of an earlier holder, from before it lapsed. */
  #earlierVisits(record: PoolCandidate, rng: Random): Array<{ at: Date; ownerKey: string }> {
    if (this.owners.length === 0 || !rng.chance(this.plan.publicVisited ?? 0)) return [];
    const lapse = this.pool.releaseIfNoVisitDays ?? this.pool.holdDays ?? 30;
    const until = new Date(this.now.getTime() - lapse * dayMs);
    if (until <= record.createdAt) return [];
    const ownerKey = rng.pick(this.owners);
    const [min, max] = this.plan.visits ?? [1, 3];
    const count = Math.max(1, rng.int(min, max));
    return Array.from({ length: count }, () => timeBetween(record.createdAt, until, rng, this.zone))
      .sort((a, b) => a.getTime() - b.getTime())
      .map((at) => ({ at, ownerKey }));
  }
}

/** A random local working time (09:00–19:00) on the local day of an instant. */
export function workingTimeOn(instant: Date, rng: Random, zone: string, hours: Range = [9, 19]): Date {
  const day = startOfInZone(instant, 'day', zone);
  return addInZone(day, rng.int(hours[0] * 60, hours[1] * 60 - 1), 'minute', zone);
}

/** A random instant in [from, to], at a local working time when one fits. */
export function timeBetween(from: Date, to: Date, rng: Random, zone: string): Date {
  const span = Math.max(0, to.getTime() - from.getTime());
  for (let attempt = 0; attempt < 4; attempt++) {
    const day = new Date(from.getTime() + Math.floor(rng.next() * (span + 1)));
    const at = workingTimeOn(day, rng, zone);
    if (at >= from && at <= to) return at;
  }
  return new Date(from.getTime() + Math.floor(rng.next() * (span + 1)));
}
