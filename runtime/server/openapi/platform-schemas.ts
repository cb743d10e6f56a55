import { migrationsSchema } from '../../../platform/metadata/data-migrations.ts';
import { schemaRef } from './openapi-helpers.ts';
import type { JsonSchema } from './openapi-types.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const roleKey = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_-]{0,39}$' };
const roles = { type: 'array', items: roleKey, maxItems: 50, uniqueItems: true };
const attributes = { type: 'object', additionalProperties: true, maxProperties: 100, description: 'Any JSON; what ABAC conditions read as `$user.attributes.<key>`.' };
const migrations = {
  ...migrationsSchema,
  description: 'Data migrations for changes that need one: `renameField` (`object`, `from`, `to`), `changeType` (`object`, `field`, `clearInvalid`?), `renameOption` (`object`, `field`, `from`, `to`), '
    + '`moveReleaseReason` (`pool`, `from`, `to`): the records of a pool released for a reason it no longer offers (`from`) read another reason it offers (`to`) instead; only their reason and version change. '
    + 'Without it such records keep their reason, read by the words it had when last published (`removedReleaseReasons` of the pool), and the removal is destructive: confirm it with `confirmDestructive`.',
};
const label = { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }], description: 'A string, or one per language (`{ en, zh }`).' };

/** Schemas of authentication, API keys, users, the metadata API and discovery. */
export function platformSchemas(): Record<string, JsonSchema> {
  const user = {
    id: uuid, email: { type: 'string', format: 'email' }, name: { type: 'string' }, roles,
    attributes, managerId: { type: ['string', 'null'], format: 'uuid' },
  };
  return {
    LoginRequest: {
      type: 'object', required: ['email', 'password'], additionalProperties: false,
      properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
    },
    LoginResult: {
      type: 'object', required: ['token', 'csrfToken', 'expiresAt', 'user'],
      properties: {
        token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`.' },
        csrfToken: { type: 'string', description: 'For cookie-authenticated writes: send as `X-CSRF-Token`.' },
        expiresAt: dateTime,
        user: schemaRef('User'),
      },
    },
    Me: {
      type: 'object', required: ['id', 'email', 'name', 'roles', 'attributes', 'managerId', 'locale'],
      properties: {
        ...user,
        roles: { ...roles, description: 'The roles in effect (an API key may narrow them).' },
        locale: { type: ['string', 'null'], enum: ['zh', 'en', null], description: 'The language the user chose for the screens (`PATCH /me`); null until they choose, when the tenant\'s default (metadata `locale`) applies.' },
        authenticatedBy: { type: 'string', enum: ['session', 'api_key'] },
        csrfToken: { type: 'string', description: 'Present for cookie sessions.' },
        tenant: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } } },
      },
    },
    MeUpdate: {
      type: 'object', required: ['locale'], additionalProperties: false,
      properties: { locale: { type: ['string', 'null'], enum: ['zh', 'en', null], description: 'The language of the screens for this user on every device; null goes back to the tenant\'s default.' } },
    },
    PasswordChange: {
      type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false,
      properties: {
        currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
        newPassword: { type: 'string', minLength: 8, maxLength: 200, description: 'Not the current password.' },
        revokeApiKeys: { type: 'boolean', default: false, description: 'Also revoke every API key of the user (one made by someone who knew the old password stops working; so do integrations using the user\'s keys).' },
      },
    },
    User: { type: 'object', required: ['id', 'email', 'name', 'roles', 'attributes', 'managerId', 'active'], properties: { ...user, active: { type: 'boolean' } } },
    UserCreate: {
      type: 'object', required: ['email', 'name', 'roles'], additionalProperties: false,
      properties: { email: user.email, name: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 8, maxLength: 200 }, roles, attributes, managerId: user.managerId },
    },
    UserUpdate: {
      type: 'object', minProperties: 1, additionalProperties: false,
      properties: {
        email: user.email, name: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 8, maxLength: 200 },
        roles, attributes, active: { type: 'boolean', description: '`false` deactivates the user and ends their sessions.' },
        managerId: { ...user.managerId, description: 'An active or deactivated user of the tenant; `null` clears it. The user themself, or a manager whose chain of managers leads back to the user (a reporting cycle), is refused with 422 at `/managerId`.' },
      },
    },
    UserList: {
      type: 'object', required: ['data', 'nextCursor'],
      properties: { data: { type: 'array', items: schemaRef('User') }, nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last.' } },
    },
    UserRecord: {
      type: 'object', title: 'Colleague (the object `user`)', required: ['id'],
      description: 'Every field comes unless `fields` narrows the answer (`id` always comes).',
      properties: {
        ...user, attributes: { ...attributes, description: 'Administrators only; absent for everyone else.' }, active: { type: 'boolean' },
        managerId: { anyOf: [{ type: 'string', format: 'uuid' }, schemaRef('UserRef'), { type: 'null' }], description: 'The manager; with `expand=managerId`: `{ id, name, email }`.' },
      },
    },
    UserRecordList: {
      type: 'object', required: ['data', 'nextCursor'],
      properties: {
        data: { type: 'array', items: schemaRef('UserRecord') },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page.' },
        total: { type: 'integer', minimum: 0, description: 'Every matching user (only with `count=true`).' },
      },
    },
    ApiKeyCreate: {
      type: 'object', required: ['name'], additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, roles: { ...roles, description: 'Narrow the key to some of your roles.' } },
    },
    ApiKeyCreated: {
      type: 'object', required: ['id', 'key'],
      properties: {
        id: uuid, key: { type: 'string', description: 'The secret, shown this once; it is stored hashed.' }, name: { type: 'string' },
        roles: { type: ['array', 'null'], items: roleKey }, prefix: { type: 'string' }, createdAt: dateTime,
      },
    },
    ApiKey: {
      type: 'object', required: ['id', 'name', 'prefix'],
      properties: {
        id: uuid, name: { type: 'string' }, userId: uuid, prefix: { type: 'string', description: 'The first characters of the key, to recognise it.' },
        roles: { type: ['array', 'null'], items: roleKey }, createdAt: dateTime, lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    ApiKeyList: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('ApiKey') } } },
    MetadataDocument: {
      type: 'object', required: ['name', 'objects'], additionalProperties: true,
      description: 'The whole configuration of the tenant. Its full JSON Schema is served at `GET /meta/schema`.',
    },
    DocumentBody: { type: 'object', required: ['document'], additionalProperties: false, properties: { document: schemaRef('MetadataDocument') } },
    MetadataLive: { type: 'object', required: ['version', 'document'], properties: { version: { type: 'integer' }, publishedAt: dateTime, document: schemaRef('MetadataDocument') } },
    MetadataDraft: {
      type: 'object', required: ['baseVersion', 'document'],
      properties: { baseVersion: { type: 'integer' }, document: schemaRef('MetadataDocument'), updatedAt: { type: ['string', 'null'], format: 'date-time' } },
    },
    MetadataVersion: {
      type: 'object', required: ['version', 'document'],
      properties: {
        version: { type: 'integer' }, createdAt: dateTime, document: schemaRef('MetadataDocument'),
        changes: { type: 'array', items: schemaRef('MetadataChange'), description: 'What its publish (or rollback) changed from the version before, as reviewed then, with the records each change affected.' },
      },
    },
    MetadataVersionList: {
      type: 'object', required: ['data'],
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object', required: ['version'],
            properties: {
              version: { type: 'integer' }, kind: { type: 'string', examples: ['publish', 'rollback'] }, createdAt: dateTime,
              createdBy: { type: ['string', 'null'], format: 'uuid' }, changeCount: { type: 'integer' }, live: { type: 'boolean' },
            },
          },
        },
      },
    },
    MetadataValidation: {
      type: 'object', required: ['valid', 'errors'],
      properties: { valid: { type: 'boolean' }, errors: { type: 'array', items: schemaRef('ProblemItem') } },
    },
    MetadataChange: {
      type: 'object', required: ['section', 'action', 'path', 'classification'],
      properties: {
        section: { type: 'string' }, action: { type: 'string', enum: ['added', 'removed', 'changed', 'renamed'] }, path: { type: 'string' },
        key: { type: 'string' }, object: { type: 'string' },
        classification: { type: 'string', enum: ['safe', 'migration', 'destructive'], description: 'Whether the change is safe, needs a data migration, or destroys data.' },
        affectedRecords: { type: 'integer', description: 'Existing records the change touches: values that are removed, moved or converted, or (for a stricter rule: required, a shorter maximum length, a narrower range, fewer decimal places) that no longer meet it and keep their values until edited.' },
        detail: { type: 'string' },
        affects: { type: 'object', description: 'What was counted: `{ object, kind, field?, … }`; kind `breaks` carries the stricter `rules`; kind `releasedFor` the `pool` and the stored `reasons` (section `releaseReasons`, key `<pool>:<reason>`).' },
      },
    },
    MetadataDiff: {
      type: 'object', required: ['changes'],
      properties: { baseVersion: { type: ['integer', 'null'] }, changes: { type: 'array', items: schemaRef('MetadataChange') } },
    },
    PublishRequest: {
      type: 'object', additionalProperties: false,
      properties: {
        confirmDestructive: { type: 'boolean', description: 'Needed when a change removes data, or leaves records with a select option, stage or release reason the draft no longer has.' },
        migrations,
      },
    },
    RollbackRequest: {
      type: 'object', required: ['version'], additionalProperties: false,
      properties: { version: { type: 'integer', minimum: 1 }, confirmDestructive: { type: 'boolean' }, migrations },
    },
    PublishResult: {
      type: 'object', required: ['version', 'changes'],
      properties: {
        version: { type: 'integer' },
        changes: { type: 'array', items: schemaRef('MetadataChange') },
        indexes: {
          type: 'object',
          description: "Changes to the tenant's record indexes: ready now (`created`), being built in the background after the publish (`pending`, queries are correct meanwhile, only not yet served by them), no longer used (`dropped`), and builds that failed after the commit (`failed`).",
          properties: {
            created: { type: 'array', items: { type: 'string' } },
            pending: { type: 'array', items: { type: 'string' } },
            dropped: { type: 'array', items: { type: 'string' } },
            failed: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, object: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    FieldDescription: {
      type: 'object', required: ['key', 'label', 'type', 'system', 'required', 'readOnly', 'readable', 'creatable', 'updatable'],
      properties: {
        key: { type: 'string' }, label, type: { type: 'string' }, kind: { type: 'string' }, system: { type: 'boolean' },
        required: { type: 'boolean' }, readOnly: { type: 'boolean' },
        options: { type: 'array', items: { type: 'object', required: ['value'], properties: { value: { type: 'string' }, label, color: { type: 'string' } } } },
        target: { type: 'string', description: 'For lookups: the related object (or `user`).' },
        readable: { type: 'boolean' }, creatable: { type: 'boolean' }, updatable: { type: 'boolean' },
      },
    },
    ObjectDescription: {
      type: 'object', required: ['key', 'label', 'actions', 'fields'],
      properties: {
        key: { type: 'string' }, label, pluralLabel: label, titleField: { type: ['string', 'null'] },
        actions: { type: 'array', items: { type: 'string' }, description: 'What the caller may do on some records of the object.' },
        pipeline: { type: ['string', 'null'] }, stageField: { type: ['string', 'null'] }, pools: { type: 'array', items: { type: 'string' } },
        fields: { type: 'array', items: schemaRef('FieldDescription') },
      },
    },
    ObjectList: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('ObjectDescription') } } },
    Notification: {
      type: 'object', required: ['id', 'kind', 'title', 'createdAt'],
      properties: {
        id: uuid,
        kind: {
          type: 'string', examples: ['release_warning'],
          description: 'What happened; `body` carries its particulars. `release_warning` (a held record goes back to the public pool soon: `releaseAt`, `releaseDueTo`), '
            + '`released` (it went back: `reason`, `by`), `assigned` (a record was assigned to you: `by`, `pool`), `work_orders` (an assignment run opened orders for you: `rule`, `count`), '
            + '`import_finished` (a CSV import you started ended: `job`, `state` done|failed, `created`, `updated`, `unchanged`, `refused` rows), '
            + '`assignment_finished` (a run you started in the background ended: `job`, `rule`, `state` done with `allocated`, `users`, `unassigned`, `runId`, or failed with `code` and `message`). '
            + 'More kinds may be added; show `title` for one you do not know.',
        },
        title: { type: 'string' }, body: { type: 'object', additionalProperties: true },
        object: { type: ['string', 'null'] }, recordId: { type: ['string', 'null'], format: 'uuid' }, createdAt: dateTime,
        readAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    NotificationList: {
      type: 'object', required: ['data', 'unread', 'nextCursor'],
      properties: {
        data: { type: 'array', items: schemaRef('Notification') }, unread: { type: 'integer', minimum: 0, description: 'Unread notifications in all.' },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last.' },
      },
    },
    NotificationsRead: {
      type: 'object', additionalProperties: false,
      properties: { ids: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 500 }, all: { type: 'boolean' } },
    },
  };
}
