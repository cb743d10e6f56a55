/**
 * The matching strategies of assignment rules, as pure functions over plain data: which
 * candidate record goes to which person. Records arrive in priority order; each person has a
 * capacity (the tightest of the daily cap, the total cap and the pool limit) and may be
 * excluded from some records (re-claim cooldown).
 */
export type MatchStrategy = 'even' | 'minVariance' | 'roundRobin' | 'weighted';

export interface MatchUser {
  id: string;
  /** How many more records this person may receive in this run. */
  capacity: number;
  /** Records they hold now (for minVariance's resulting totals). */
  holdings: number;
  /** attributes.weight for `weighted` (default 1; 0 receives nothing). */
  weight: number;
  /** Records assignment rules gave this person earlier today (for `even` across the day's runs). */
  today?: number;
  /** The caps that set `capacity` (the tightest; several when they tie). None: no cap applies. */
  limits?: Cap[];
}

/** A cap on what a person may receive: the rule's daily and total caps, the pool's limit per owner. */
export type Cap = 'maxPerDay' | 'maxTotal' | 'maxPerOwner';

export type Unassigned =
  | { recordId: string; reason: 'no_users' | 'cooldown' }
  /** `caps`: the caps that left the recalled people without room. */
  | { recordId: string; reason: 'no_capacity'; caps: Cap[] };

export interface MatchInput {
  records: string[];
  users: MatchUser[];
  strategy: MatchStrategy;
  /** Pairs that may not be matched: `record → users` (cooldown). */
  excluded?: Map<string, Set<string>>;
  /** roundRobin: the user after whom the previous run stopped. */
  lastUser?: string | null;
}

export interface MatchResult {
  allocations: Array<{ recordId: string; userId: string; rank: number }>;
  unassigned: Unassigned[];
  lastUser: string | null;
}

/**
 * Allocates records to users.
 * - `even`: each record goes to the eligible person with the fewest allocations in this run,
 *   so per-run counts of people with room left differ by at most one;
 * - `minVariance`: to the person with the smallest resulting total (holdings + new), which
 *   minimises the variance of totals (water-filling);
 * - `roundRobin`: people in a fixed order, continuing after `lastUser`;
 * - `weighted`: proportional to `weight` (each record to the person with the lowest
 *   (allocated + 1) / weight).
 * Ties break on fewer holdings (for `even`: first on fewer records from earlier runs today, so
 * several runs a day spread evenly too), then the person's id, so runs are reproducible.
 */
export function matchRecords(input: MatchInput): MatchResult {
  const users = [...input.users].filter((u) => u.capacity > 0 && (input.strategy !== 'weighted' || u.weight > 0)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const allocations: MatchResult['allocations'] = [];
  const unassigned: MatchResult['unassigned'] = [];
  if (input.users.length === 0) {
    return { allocations, unassigned: input.records.map((recordId) => ({ recordId, reason: 'no_users' })), lastUser: input.lastUser ?? null };
  }
  const allocated = new Map(users.map((u) => [u.id, 0]));
  const remaining = new Map(users.map((u) => [u.id, u.capacity]));
  let caps: Cap[] | undefined;
  const full = (recordId: string): Unassigned => ({ recordId, reason: 'no_capacity', caps: (caps ??= capsOf(input)) });
  if (input.strategy === 'roundRobin') return roundRobin(input, users, remaining, full);

  const key = (u: MatchUser): SortKey => {
    const n = allocated.get(u.id)!;
    switch (input.strategy) {
      case 'minVariance': return [u.holdings + n, n, 0, u.id];
      case 'weighted': return [(n + 1) / u.weight, u.holdings, 0, u.id];
      default: return [n, u.today ?? 0, u.holdings, u.id];
    }
  };
  const heap = new MinHeap<MatchUser>((a, b) => compareKeys(key(a), key(b)));
  for (const u of users) heap.push(u);
  let rank = 0;
  for (const recordId of input.records) {
    if (heap.size === 0) {
      unassigned.push(full(recordId));
      continue;
    }
    const blocked = input.excluded?.get(recordId);
    const skipped: MatchUser[] = [];
    let chosen: MatchUser | undefined;
    while (heap.size > 0) {
      const candidate = heap.pop()!;
      if (blocked?.has(candidate.id)) skipped.push(candidate);
      else {
        chosen = candidate;
        break;
      }
    }
    for (const s of skipped) heap.push(s);
    if (!chosen) {
      unassigned.push({ recordId, reason: 'cooldown' });
      continue;
    }
    allocations.push({ recordId, userId: chosen.id, rank: ++rank });
    allocated.set(chosen.id, allocated.get(chosen.id)! + 1);
    const left = remaining.get(chosen.id)! - 1;
    remaining.set(chosen.id, left);
    if (left > 0) heap.push(chosen);
  }
  return { allocations, unassigned, lastUser: input.lastUser ?? null };
}

/** The caps of everyone recalled: when nobody has room left, these are what stopped them. */
function capsOf(input: MatchInput): Cap[] {
  const order: Cap[] = ['maxPerDay', 'maxTotal', 'maxPerOwner'];
  const seen = new Set(input.users.filter((u) => input.strategy !== 'weighted' || u.weight > 0).flatMap((u) => u.limits ?? []));
  return order.filter((c) => seen.has(c));
}

function roundRobin(input: MatchInput, users: MatchUser[], remaining: Map<string, number>, full: (recordId: string) => Unassigned): MatchResult {
  const allocations: MatchResult['allocations'] = [];
  const unassigned: MatchResult['unassigned'] = [];
  let position = input.lastUser ? users.findIndex((u) => u.id > input.lastUser!) : 0;
  if (position < 0) position = 0;
  let last = input.lastUser ?? null;
  let rank = 0;
  for (const recordId of input.records) {
    const blocked = input.excluded?.get(recordId);
    let chosen: MatchUser | undefined;
    let anyRoom = false;
    for (let step = 0; step < users.length; step++) {
      const candidate = users[(position + step) % users.length]!;
      if (remaining.get(candidate.id)! <= 0) continue;
      anyRoom = true;
      if (blocked?.has(candidate.id)) continue;
      chosen = candidate;
      position = (position + step + 1) % users.length;
      break;
    }
    if (!chosen) {
      unassigned.push(anyRoom ? { recordId, reason: 'cooldown' } : full(recordId));
      continue;
    }
    remaining.set(chosen.id, remaining.get(chosen.id)! - 1);
    allocations.push({ recordId, userId: chosen.id, rank: ++rank });
    last = chosen.id;
  }
  return { allocations, unassigned, lastUser: last };
}

/** Population variance of numbers (0 for fewer than two). */
export function variance(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
}

type SortKey = [number, number, number, string];

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  if (a[2] !== b[2]) return a[2] - b[2];
  return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
}

/** A binary min-heap (100k records × 1,000 people in O(n log m)). */
class MinHeap<T> {
  readonly #items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.#items.length;
  }
  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && this.less(items[l]!, items[smallest]!) < 0) smallest = l;
        if (r < items.length && this.less(items[r]!, items[smallest]!) < 0) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

/**
 * Unassigned records grouped by reason and caps, in the order each group first occurs: the
 * first record of each group, and how many it stands for (a run's stats, the studio's preview).
 */
export function groupByReason<T extends { reason: string; caps?: readonly string[] }>(items: readonly T[]): Array<{ first: T; count: number }> {
  const groups = new Map<string, { first: T; count: number }>();
  for (const item of items) {
    const key = `${item.reason}:${(item.caps ?? []).join(',')}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { first: item, count: 1 });
  }
  return [...groups.values()];
}
