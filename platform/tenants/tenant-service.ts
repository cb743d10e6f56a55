import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import { ShoalError } from '../errors.ts';
import type { MetadataService } from '../metadata/metadata-service.ts';
import type { MetadataDocument } from '../metadata/metadata-types.ts';
import { loadLiveCompiled, releaseSharedIndexes } from '../metadata/publish.ts';
import { desiredIndexes, dropTenantIndexes } from '../metadata/record-indexes.ts';
import { tablesWithoutTenantKey } from '../storage/database-schema.ts';
import type { Storage } from '../storage/storage.ts';
import { enterTenant } from '../storage/enter-tenant.ts';
import { insertUser, type NewUser } from '../users/users.ts';
import { envelopeParser } from '../validation/ajv.ts';
import type { TenantDirectory, TenantInfo } from './tenant-directory.ts';

export interface CreateTenantInput {
  slug: string;
  name: string;
  template?: string;
  sampleData?: boolean;
  admin: { email: string; password: string; name?: string };
}

/** The body of `POST /api/tenants` (also the operator OpenAPI document's request schema). */
export const createTenantSchema = {
  type: 'object',
  required: ['slug', 'name', 'admin'],
  additionalProperties: false,
  properties: {
    slug: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    template: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' },
    sampleData: { type: 'boolean' },
    admin: {
      type: 'object',
      required: ['email', 'password'],
      additionalProperties: false,
      properties: {
        email: { type: 'string', format: 'email', maxLength: 254 },
        password: { type: 'string', minLength: 8, maxLength: 200 },
        name: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
  },
};

export const parseCreateTenant = envelopeParser<CreateTenantInput>(createTenantSchema);

/** What a template provides: the metadata document and a way to fill a new tenant with data. */
export interface TenantTemplate {
  document: MetadataDocument;
  /** Inserts demo users and sample records once the first version is live; returns the demo logins. */
  seed?: (tenant: TenantInfo, context: { adminId: string; now: Date; skipEmails?: string[] }) => Promise<{ users: DemoLogin[] }>;
}

export interface DemoLogin {
  email: string;
  name: string;
  roles: string[];
  password: string;
}

export type TemplateResolver = (name: string, options: { sampleData: boolean }) => TenantTemplate | undefined;

/** The document of a tenant created without a template: an empty CRM to build in the studio. */
export function blankDocument(name: string): MetadataDocument {
  return {
    name,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    objects: {},
    roles: { admin: { all: true } },
  };
}

/**
 * Creates, lists and deletes tenants (the platform operator's API). Creation is one
 * transaction: tenant row, admin user, first metadata version and sample data commit together.
 */
export class TenantService {
  constructor(
    private readonly storage: Storage,
    private readonly directory: TenantDirectory,
    private readonly metadata: MetadataService,
    private readonly templates: TemplateResolver,
  ) {}

  async create(input: CreateTenantInput, now = new Date()): Promise<{ slug: string; metadataVersion: number; tenant: TenantInfo; demoLogins: DemoLogin[] }> {
    const template = input.template ? this.templates(input.template, { sampleData: input.sampleData ?? true }) : undefined;
    if (input.template && !template) {
      throw new ShoalError('validation_failed', `There is no template called ${input.template}`, { errors: [{ path: '/template', message: 'is not a known template' }] });
    }
    const document = template?.document ?? blankDocument(input.name);
    const problems = this.metadata.validate(document);
    if (problems.length > 0) throw new ShoalError('invalid_metadata', `Template ${input.template} is not valid`, { errors: problems });

    const id = randomUUID();
    let adminId = '';
    const adminHash = await hashPassword(input.admin.password);
    const exists = await this.storage.db.selectFrom('tenants').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (exists) throw new ShoalError('duplicate', `A tenant called ${input.slug} already exists`, { errors: [{ path: '/slug', message: 'is taken' }] });
    try {
      await this.storage.inPlatform(async (tx) => {
        await tx.insertInto('tenants').values({ id, slug: input.slug, name: input.name, live_version: null, time_zone: document.timeZone ?? 'Asia/Shanghai' }).execute();
        await enterTenant(tx, id);
        const admin: NewUser = { email: input.admin.email, name: input.admin.name ?? 'Administrator', passwordHash: adminHash, roles: ['admin'] };
        adminId = (await insertUser(tx, id, admin)).id;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ShoalError('duplicate', `A tenant called ${input.slug} already exists`, { errors: [{ path: '/slug', message: 'is taken' }] });
      }
      throw error;
    }
    const tenant = (await this.directory.bySlugFresh(input.slug))!;
    try {
      const result = await this.metadata.publishDocument(tenant, document, { actorId: null, kind: 'template' });
      const fresh = (await this.directory.bySlugFresh(input.slug))!;
      const seeded = await template?.seed?.(fresh, { adminId, now, skipEmails: [input.admin.email] });
      return { slug: input.slug, metadataVersion: result.version, tenant: fresh, demoLogins: seeded?.users ?? [] };
    } catch (error) {
      await this.delete(input.slug).catch(() => {});
      throw error;
    }
  }

  async list(): Promise<TenantInfo[]> {
    return this.directory.list();
  }

  async delete(slug: string): Promise<void> {
    const tenant = await this.directory.bySlugFresh(slug);
    if (!tenant) throw new ShoalError('not_found', `Tenant ${slug} was not found`);
    const live = await loadLiveCompiled(this.storage, tenant.id);
    await this.storage.inPlatform(async (tx) => {
      await tx.deleteFrom('tenants').where('id', '=', tenant.id).execute(); // cascades to the keyed tables
      // Tables without the key go explicitly, as the tenant (row-level security is forced on them).
      await enterTenant(tx, tenant.id);
      for (const table of tablesWithoutTenantKey) await sql`DELETE FROM ${sql.table(table)} WHERE tenant_id = ${tenant.id}::uuid`.execute(tx);
    });
    try {
      await dropTenantIndexes(this.storage, tenant.id);
      if (live) releaseSharedIndexes(this.storage, desiredIndexes(live));
    } finally {
      await this.directory.changed(slug);
    }
  }
}
