import { AdminToken } from './auth/admin-token.ts';
import { AuthService } from './auth/auth-service.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { housekeepingWork } from './jobs/housekeeping.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { poolSweepWork } from './pools/pool-schedule.ts';
import { AssignmentService, assignmentWork } from './assignment/assignment-service.ts';
import { registerWebhooks, wakeWebhookSender } from './webhooks/webhook-delivery.ts';
import { WebhookRegistry } from './webhooks/webhooks.ts';
import { importQueue, registerImportJobs } from './records/import-jobs.ts';
import { assignmentQueue, registerAssignmentJobs } from './assignment/assignment-jobs.ts';
import { resumeJobs } from './jobs/resume-jobs.ts';
import { reconcileAllIndexes, stopIndexWork } from './metadata/publish.ts';
import { MetadataCache } from './metadata/metadata-cache.ts';
import { MetadataService } from './metadata/metadata-service.ts';
import { registerPoolMembership } from './pools/pool-membership.ts';
import { PoolService } from './pools/pool-service.ts';
import { registerPoolVisits } from './pools/pool-visits.ts';
import { RecordsService } from './records/records-service.ts';
import type { Storage } from './storage/storage.ts';
import { TenantDirectory } from './tenants/tenant-directory.ts';
import { fileTemplateResolver } from './templates/template-resolver.ts';
import { TenantService, type TemplateResolver } from './tenants/tenant-service.ts';

export interface KernelOptions {
  storage: Storage;
  /** Resolves template names for tenant creation; default: the templates under tenants/. */
  templates?: TemplateResolver;
  clock?: () => Date;
  /** Let webhooks call loopback and private addresses (tests, on-premise integrations). */
  allowPrivateWebhookUrls?: boolean;
}

export interface StartOptions {
  /** Run background jobs and schedules in this process (default true). */
  jobs?: boolean;
  /** Seconds between scheduler ticks (default 30). */
  tickSeconds?: number;
}

/**
 * The kernel: every service of the platform wired to one storage. The HTTP runtime, the CLI
 * and tests all start from here; nothing in it knows about HTTP or React.
 */
export class Kernel {
  readonly storage: Storage;
  readonly tenants: TenantDirectory;
  readonly tenantService: TenantService;
  readonly auth: AuthService;
  readonly adminToken = new AdminToken();
  readonly metadataCache: MetadataCache;
  readonly metadata: MetadataService;
  readonly records: RecordsService;
  readonly pools: PoolService;
  readonly assignment: AssignmentService;
  readonly webhooks: WebhookRegistry;
  readonly clock: () => Date;
  readonly jobs: JobQueue;
  readonly scheduler: Scheduler;

  constructor(options: KernelOptions) {
    this.storage = options.storage;
    this.clock = options.clock ?? (() => new Date());
    this.tenants = new TenantDirectory(this.storage);
    this.auth = new AuthService(this.storage);
    this.metadataCache = new MetadataCache(this.storage);
    this.metadata = new MetadataService(this.storage, this.metadataCache, this.tenants);
    this.records = new RecordsService(this.storage, this.metadataCache, this.clock);
    this.pools = new PoolService(this.storage, this.records);
    this.jobs = new JobQueue(this.storage);
    this.scheduler = new Scheduler(this.storage, this.tenants, this.metadataCache, this.jobs, this.clock);
    this.scheduler.register(poolSweepWork(this.clock, this.pools));
    this.assignment = new AssignmentService(this.storage, this.records.hooks);
    this.scheduler.register(assignmentWork(this.clock, this.records.hooks));
    this.scheduler.register(housekeepingWork());
    this.webhooks = new WebhookRegistry(this.storage, { allowPrivateUrls: options.allowPrivateWebhookUrls ?? false });
    registerWebhooks(this.records.hooks, this.webhooks, this.jobs, this.storage, this.clock);
    this.scheduler.onTick(async (tenantId, compiled) => {
      if (compiled.has('webhooks')) await wakeWebhookSender(this.jobs, tenantId);
    });
    registerPoolMembership(this.records.hooks, (hook) => this.metadata.onPublish(hook));
    registerPoolVisits(this.records.hooks);
    this.tenantService = new TenantService(this.storage, this.tenants, this.metadata, options.templates ?? fileTemplateResolver(this.storage, this.metadataCache));
  }

  /** Subscribes to cross-process invalidations. */
  async start(options: StartOptions = {}): Promise<void> {
    await this.tenants.start();
    await this.auth.start();
    await this.webhooks.start();
    await registerImportJobs(this.jobs, this.storage, this.tenants, this.metadataCache, this.records.hooks, this.clock);
    await registerAssignmentJobs(this.jobs, this.storage, this.tenants, this.metadataCache, this.assignment, this.clock);
    await this.scheduler.declareQueue();
    if (options.jobs ?? true) {
      await this.jobs.start();
      await resumeJobs(this.jobs, this.storage, this.tenants, { import: importQueue, assignment: assignmentQueue });
      // Index builds a publish left to the background (or a crash left undone) finish now.
      void reconcileAllIndexes(this.storage, (await this.tenants.list()).map((t) => t.id));
      await this.scheduler.start(options.tickSeconds ?? 30);
    }
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    await stopIndexWork(this.storage);
    await this.jobs.stop();
    await this.storage.close();
  }
}
