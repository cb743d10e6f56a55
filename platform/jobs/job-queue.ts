import PgBoss from 'pg-boss';
import type { Storage } from '../storage/storage.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

export interface QueueOptions {
  /** Attempts after the first failure, with exponential backoff. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer than this is considered lost and retried (e.g. its process died). */
  expireInSeconds?: number;
  /** Jobs fetched per poll. */
  batchSize?: number;
}

/**
 * Durable background jobs on pg-boss (the one module it enters through). pg-boss talks to the
 * database through the storage's `executeRaw`, so the same queue runs on a PostgreSQL server
 * and on the embedded PGlite. Jobs survive restarts; a job whose process died is retried when
 * it expires.
 *
 * Why pg-boss 10: pg-boss 12 and graphile-worker 0.18 need Node 22; graphile-worker 0.17 needs
 * a socket connection, which PGlite only offers through pglite-socket (PGlite 0.5, and it
 * completed 1 of 5 jobs in 3 s in a trial here). pg-boss accepts a plain `executeSql` adapter.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #queues = new Map<string, { handler: JobHandler<any>; options: QueueOptions }>();
  #started = false;
  #inProcess = new Set<Promise<void>>();

  constructor(storage: Storage, options: { pollingIntervalSeconds?: number } = {}) {
    const db = { executeSql: (text: string, values?: unknown[]) => storage.executeRaw(text, values ?? []) };
    this.#boss = new PgBoss({
      db,
      schema: 'pgboss',
      supervise: true,
      schedule: false,
      migrate: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      maintenanceIntervalSeconds: 120,
    } as PgBoss.ConstructorOptions);
    this.#boss.on('error', (error) => {
      if (!isShutdownNoise(error)) console.error('[jobs]', error.message);
    });
  }

  /** Starts pg-boss and a worker for every declared queue. Without it, jobs run in this process. */
  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
    for (const [name, { handler, options }] of this.#queues) await this.#work(name, handler, options);
  }

  /** Declares a queue and its handler. */
  async handle<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): Promise<void> {
    this.#queues.set(name, { handler, options });
    if (this.#started) await this.#work(name, handler, options);
  }

  async #work<T extends object>(name: string, handler: JobHandler<T>, options: QueueOptions): Promise<void> {
    await this.#boss.createQueue(name, {
      name,
      retryLimit: options.retryLimit ?? 3,
      retryDelay: options.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    } as PgBoss.Queue);
    await this.#boss.work<T>(name, { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: 1 } as PgBoss.WorkOptions, async (jobs) => {
      for (const job of jobs) await handler(job.data);
    });
  }

  /**
   * Enqueues a job. The queues are pg-boss's `standard` policy, where a `singletonKey` without a
   * time slot does not stop a second job with the same key (checked against pg-boss 10.4): every
   * send is a job. So a handler must be safe to run twice at once, as each one here is (an import
   * claims its batches, the webhook sender leases its deliveries, a scheduled slot is taken in
   * `job_slots`); the key names the job in pg-boss's tables.
   */
  async send<T extends object>(name: string, data: T, options: { singletonKey?: string; startAfterSeconds?: number } = {}): Promise<string | null> {
    if (!this.#started) return this.#runHere(name, data, options.startAfterSeconds ?? 0);
    return this.#boss.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /**
   * Without background workers (tests, `SHOAL_JOBS=0`) a job runs in this process right away,
   * once, without retries; its state is still tracked where the job keeps it.
   */
  #runHere<T extends object>(name: string, data: T, delaySeconds: number): string | null {
    const queue = this.#queues.get(name);
    if (!queue) return null;
    const run = new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000)).then(() => queue.handler(data)).catch((error) => console.error(`[jobs] ${name}:`, (error as Error).message))
      .finally(() => this.#inProcess.delete(run));
    this.#inProcess.add(run);
    return null;
  }

  /** Waits for jobs running in this process (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inProcess.size > 0) await Promise.all([...this.#inProcess]);
  }

  async stop(): Promise<void> {
    await this.idle();
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 5000 } as PgBoss.StopOptions).catch(() => {});
  }
}

function isShutdownNoise(error: Error): boolean {
  return /closed|not queryable|terminated|Connection/i.test(error.message);
}
