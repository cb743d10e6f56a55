import { sql } from 'kysely';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { MetadataCache } from '../metadata/metadata-cache.ts';
import { tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { cronSlots } from './cron.ts';
import type { JobQueue } from './job-queue.ts';

/** One scheduled thing per tenant: a pool's sweep, an assignment rule's runs. */
export interface Schedule {
  key: string;
  cron: string;
  timeZone: string;
  /** Slots before/after these instants do not run (rule lifetimes). */
  activeFrom?: Date;
  activeUntil?: Date;
}

/** A kind of scheduled work: which schedules a tenant has, and what one slot does. */
export interface ScheduledWork {
  kind: string;
  schedules(compiled: CompiledMetadata): Schedule[];
  /** Runs one slot inside the transaction that records it, so a slot commits once or not at all. */
  run(tx: Tx, compiled: CompiledMetadata, key: string, slot: Date): Promise<unknown>;
}

interface SlotJob {
  tenantId: string;
  kind: string;
  key: string;
  slot: string;
}

const queueName = 'shoal-slot';

/**
 * Turns cron schedules in metadata into jobs, exactly once per slot: every process ticks and
 * enqueues the due slots (pg-boss drops duplicates that are still queued), and the slot's work
 * commits together with a row in `job_slots` whose primary key refuses a second run — with two
 * processes, after a crash, or on a retry. Slots missed while no process ran are caught up on
 * start (two hours back).
 */
export class Scheduler {
  readonly #works = new Map<string, ScheduledWork>();
  readonly #onTick: Array<(tenantId: string, compiled: CompiledMetadata) => Promise<void>> = [];
  #lastTick: Date | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;

  constructor(
    private readonly storage: Storage,
    private readonly tenants: TenantDirectory,
    private readonly metadata: MetadataCache,
    private readonly queue: JobQueue,
    private readonly clock: () => Date,
  ) {}

  register(work: ScheduledWork): void {
    this.#works.set(work.kind, work);
  }

  /** Something to do for every tenant on every tick (not slot-based: webhook retries). */
  onTick(callback: (tenantId: string, compiled: CompiledMetadata) => Promise<void>): void {
    this.#onTick.push(callback);
  }

  /** Declares the slot queue (jobs run in-process until the queue starts). */
  async declareQueue(): Promise<void> {
    await this.queue.handle<SlotJob>(queueName, (job) => this.runSlot(job).then(() => undefined), { retryLimit: 5, expireInSeconds: 30 * 60 });
  }

  async start(tickSeconds: number): Promise<void> {
    await this.tick();
    this.#timer = setInterval(() => void this.tick().catch((error) => console.error('[scheduler]', (error as Error).message)), tickSeconds * 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Enqueues every slot that fell due since the last tick (or in the last two hours on the first). */
  async tick(now = this.clock()): Promise<number> {
    if (this.#ticking) return 0;
    this.#ticking = true;
    try {
      const from = this.#lastTick ?? new Date(now.getTime() - 2 * 3600_000);
      this.#lastTick = now;
      let enqueued = 0;
      for (const tenant of await this.tenants.list()) {
        if (tenant.liveVersion === null) continue;
        const compiled = await this.metadata.live(tenant);
        for (const callback of this.#onTick) await callback(tenant.id, compiled);
        // Nothing is due from before the tenant existed.
        const since = new Date(Math.max(from.getTime(), tenant.createdAt.getTime()) - 1000);
        for (const work of this.#works.values()) {
          for (const schedule of work.schedules(compiled)) {
            for (const slot of cronSlots(schedule.cron, schedule.timeZone, since, now, 200)) {
              if (schedule.activeFrom && slot < schedule.activeFrom) continue;
              if (schedule.activeUntil && slot > schedule.activeUntil) continue;
              const job: SlotJob = { tenantId: tenant.id, kind: work.kind, key: schedule.key, slot: slot.toISOString() };
              await this.queue.send(queueName, job, { singletonKey: `${job.kind}:${job.tenantId}:${job.key}:${job.slot}` });
              enqueued++;
            }
          }
        }
      }
      return enqueued;
    } finally {
      this.#ticking = false;
    }
  }

  /** Runs one slot unless it already ran; returns whether it ran now. */
  async runSlot(job: SlotJob): Promise<boolean> {
    const work = this.#works.get(job.kind);
    if (!work) return false;
    const tenant = (await this.tenants.list()).find((t) => t.id === job.tenantId);
    if (!tenant || tenant.liveVersion === null) return false;
    const compiled = await this.metadata.live(tenant);
    return this.storage.inTenant(job.tenantId, async (tx) => {
      const claimed = await sql`
        INSERT INTO job_slots (tenant_id, kind, key, slot, ran_at) VALUES (${tenantLiteral(job.tenantId)}, ${job.kind}, ${job.key}, ${job.slot}::timestamptz, ${this.clock().toISOString()}::timestamptz)
        ON CONFLICT DO NOTHING`.execute(tx);
      if (Number(claimed.numAffectedRows ?? 0) === 0) return false;
      const result = await work.run(tx, compiled, job.key, new Date(job.slot));
      await sql`UPDATE job_slots SET result = ${JSON.stringify(result ?? null)}::jsonb
                 WHERE tenant_id = ${tenantLiteral(job.tenantId)} AND kind = ${job.kind} AND key = ${job.key} AND slot = ${job.slot}::timestamptz`.execute(tx);
      return true;
    });
  }
}
