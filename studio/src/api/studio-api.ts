import type { AssignmentRunView, PendingRunView } from '../../../platform/assignment/assignment-service.ts';
import type { JobView } from '../../../platform/records/csv-import.ts';
import { ApiClient, ApiError, type ProblemItem } from '../../../runtime/web/src/shared/api-client.ts';
import { listedRecordsLimit } from '../../../runtime/web/src/shared/assignment-outcome.ts';
import { everyUser } from '../../../runtime/web/src/shared/every-user.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import type { DataMigration } from '../document/migrations.ts';

export { ApiClient, ApiError };
export type { ProblemItem };

export interface LiveMeta {
  version: number;
  publishedAt: string;
  document: MetadataDocument;
}

export interface DraftMeta {
  baseVersion: number | null;
  document: MetadataDocument;
  updatedAt: string | null;
  /** The draft's `ETag` as read (null if the server sent none): what the next save names in `If-Match`. */
  etag?: string | null;
}

export interface MetaChange {
  section: string;
  action: 'added' | 'removed' | 'changed' | 'renamed';
  path: string;
  key: string;
  object?: string;
  classification: 'safe' | 'migration' | 'destructive';
  ifRecords?: 'migration' | 'destructive';
  affectedRecords?: number;
  /** What was counted; `breaks`: values a stricter rule no longer accepts. */
  affects?: { object: string; kind: string; field?: string };
  detail: string;
  migration?: DataMigration;
}

export interface VersionSummary {
  version: number;
  kind: string;
  createdAt: string;
  createdBy: string | null;
  changeCount: number;
  live: boolean;
}

export interface PublishResult {
  version: number;
  changes: MetaChange[];
  indexes: { created: string[]; dropped: string[]; pending?: string[] };
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  roles: string[];
  attributes: Record<string, unknown>;
  managerId?: string | null;
  active?: boolean;
}

/** What the People screen sends for a new person (`POST /users`) or a change (`PATCH /users/{id}`). */
export interface PersonInput {
  email: string;
  name: string;
  password?: string;
  roles: string[];
  attributes: Record<string, unknown>;
  managerId: string | null;
  active?: boolean;
}

export interface RuleStatus {
  key: string;
  active: boolean;
  schedule: string | null;
  lastRunAt: string | null;
  lastAllocations: number | null;
  nextRunAt: string | null;
}

/** One real run of a rule, as `GET /assignment-rules/{r}/runs` lists it. */
export type RuleRun = AssignmentRunView;
export type PendingRun = PendingRunView;
/** A run in the background as `GET /jobs/{job}` answers it: once done, its counts in `result.stats`. */
export type RunJob = Pick<JobView, 'state' | 'errors'> & { result: { runId?: string; stats?: { allocated?: number; unassigned?: number } } | null };

/** The studio's calls to the metadata API (and the few others its previews need). */
export class StudioApi {
  readonly client: ApiClient;

  constructor(readonly tenant: string) {
    this.client = new ApiClient(tenant);
  }

  /** The live version, or null when nothing is published yet. */
  async live(): Promise<LiveMeta | null> {
    try {
      return await this.client.get<LiveMeta>('/meta');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  async draft(): Promise<DraftMeta> {
    const { data, headers } = await this.client.getWithHeaders<DraftMeta>('/meta/draft');
    return { ...data, etag: headers.get('etag') };
  }
  /**
   * Saves the draft only if it is still the one `etag` names (`If-Match`); a draft changed
   * elsewhere since is refused with a 412 `ApiError`. Answers the saved draft's new tag.
   */
  async saveDraft(document: MetadataDocument, etag: string | null): Promise<{ etag: string | null }> {
    const { headers } = await this.client.requestWithHeaders('PUT', '/meta/draft', { document }, etag ? { 'if-match': etag } : {});
    return { etag: headers.get('etag') };
  }
  discardDraft(): Promise<void> { return this.client.delete('/meta/draft'); }
  validate(document: unknown): Promise<{ valid: boolean; errors: ProblemItem[] }> { return this.client.post('/meta/draft/validate', { document }); }
  /** The changes the draft makes, with the `etag` of the draft compared: what a publish of exactly this review names. */
  async diff(migrations: DataMigration[]): Promise<{ baseVersion: number | null; changes: MetaChange[]; etag: string | null }> {
    const { data, headers } = await this.client.requestWithHeaders<{ baseVersion: number | null; changes: MetaChange[] }>('POST', '/meta/diff', { migrations });
    return { ...data, etag: headers.get('etag') };
  }
  /**
   * Publishes the draft only if it is still the one `etag` names (the diff reviewed, `If-Match`);
   * a draft saved or published elsewhere since is refused with a 412 `ApiError`, publishing nothing.
   */
  publish(body: { confirmDestructive?: boolean; migrations?: DataMigration[] }, etag: string | null): Promise<PublishResult> {
    return this.client.request('POST', '/meta/publish', body, etag ? { 'if-match': etag } : {});
  }
  versions(): Promise<{ data: VersionSummary[] }> { return this.client.get('/meta/versions'); }
  version(n: number): Promise<{ version: number; createdAt: string; document: MetadataDocument; changes?: MetaChange[] }> { return this.client.get(`/meta/versions/${n}`); }
  rollback(body: { version: number; confirmDestructive?: boolean; migrations?: DataMigration[] }): Promise<PublishResult> { return this.client.post('/meta/rollback', body); }
  schema(): Promise<Record<string, unknown>> { return this.client.get('/meta/schema'); }
  #allUsers: Promise<UserSummary[]> | undefined;
  /**
   * Every user of the tenant, paged through 500 at a time and kept for the session: what names
   * ids across a whole tenant (a dry run's thousand receivers, who published each version).
   * `GET /users` gives 100 at most; a tenant of 2,000 showed most of them as bare ids.
   */
  allUsers(): Promise<UserSummary[]> {
    this.#allUsers ??= everyUser<UserSummary>(this.client);
    const pending = this.#allUsers;
    pending.catch(() => { if (this.#allUsers === pending) this.#allUsers = undefined; });
    return pending;
  }
  /** People change at once (they are not part of the draft): the next read of every user asks the server again. */
  forgetUsers(): void { this.#allUsers = undefined; }
  async createUser(person: PersonInput): Promise<UserSummary> {
    const { active: _active, ...input } = person;
    const created = await this.client.post<UserSummary>('/users', input);
    this.forgetUsers();
    return created;
  }
  async updateUser(id: string, patch: Partial<PersonInput>): Promise<UserSummary> {
    const updated = await this.client.patch<UserSummary>(`/users/${encodeURIComponent(id)}`, patch);
    this.forgetUsers();
    return updated;
  }
  /** Users whose name or e-mail contains `text` (the server searches every user). */
  searchUsers(text: string, limit = 20): Promise<{ data: UserSummary[] }> { return this.client.get('/users', { limit, ...(text ? { q: text } : {}) }); }
  records(object: string, limit = 5, expand: string[] = []): Promise<{ data: Array<Record<string, unknown>> }> {
    return this.client.get(`/records/${encodeURIComponent(object)}`, { limit, ...(expand.length > 0 ? { expand: expand.join(',') } : {}) });
  }
  searchRecords(object: string, field: string, text: string): Promise<{ data: Array<Record<string, unknown>> }> {
    return this.client.get(`/records/${encodeURIComponent(object)}`, { limit: 20, ...(text ? { where: { [field]: { $contains: text } } } : {}) });
  }
  recordsById(object: string, ids: string[]): Promise<{ data: Array<Record<string, unknown>> }> {
    return this.client.get(`/records/${encodeURIComponent(object)}`, { limit: Math.min(500, Math.max(1, ids.length)), where: { id: { $in: ids } } });
  }
  /** What a rule would allocate now; its records listed while there are at most `listedRecordsLimit`, counts only above. */
  dryRun(rule: string): Promise<unknown> { return this.client.post(`/assignment-rules/${encodeURIComponent(rule)}/run`, { dryRun: true, summaryAbove: listedRecordsLimit }); }
  ruleConflicts(): Promise<unknown> { return this.client.get('/assignment-rules/conflicts'); }
  /** The live rules with their state, last and next runs. */
  assignmentRules(): Promise<{ data: RuleStatus[] }> { return this.client.get('/assignment-rules'); }
  /** A rule's real runs, the latest first; on the first page also those under way (`pending`). */
  ruleRuns(rule: string, cursor?: string): Promise<{ data: RuleRun[]; nextCursor: string | null; pending?: PendingRun[] }> {
    return this.client.get(`/assignment-rules/${encodeURIComponent(rule)}/runs`, { limit: 10, ...(cursor ? { cursor } : {}) });
  }
  /** Starts a real run of a rule in the background (records are assigned and work orders open): the job to follow. */
  runRule(rule: string): Promise<{ job: string }> { return this.client.post(`/assignment-rules/${encodeURIComponent(rule)}/run`, { background: true }); }
  /** A background job: a run started with `runRule`. */
  job(id: string): Promise<RunJob> { return this.client.get(`/jobs/${encodeURIComponent(id)}`); }
}
