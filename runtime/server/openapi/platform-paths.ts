import { emptyResponse, jsonBody, jsonResponse, locationHeader, pathParameter, queryParameter, schemaRef } from './openapi-helpers.ts';
import type { Operation, Paths } from './openapi-types.ts';
import { userLookups, userRecordFields, userSortFields } from '../../../platform/users/user-records.ts';
import { problems, readProblems, writeProblems } from './problem-responses.ts';

/** Feature tags of the platform endpoints, in the order the reference shows them. */
export const platformTags = {
  auth: { name: 'Authentication', description: 'Sign in and out; who am I; API keys for integrators.' },
  users: { name: 'Users', description: 'Tenant administrators manage users (role `admin`).' },
  meta: { name: 'Metadata', description: 'The studio API: the live metadata document (any user may read it), drafts, diff, publish and rollback (role `admin`).' },
  discovery: { name: 'Discovery', description: 'What the caller can see: objects and fields, this OpenAPI document, notifications.' },
} as const;

const userId = pathParameter('id', { type: 'string', format: 'uuid' }, 'The user id.');
const adminOnly = 'Role `admin` only.';
const ticked = (keys: readonly string[]) => keys.map((k) => `\`${k}\``).join(', ');
const userOrderBy = `Comma list of up to 5 fields, \`-\` for descending; ties are broken by \`id\`. Sortable: ${ticked(userSortFields)}`;
const userFields = `Comma list of fields to return (\`id\` always comes): ${ticked(userRecordFields)} (\`attributes\` for administrators only)`;
const userExpand = '`managerId`: the manager inlined as `{ id, name, email }`.';

function op(tag: string, operation: Omit<Operation, 'tags'>): Operation {
  return { tags: [tag], ...operation };
}

/** Authentication, API keys, users, the metadata API and discovery. */
export function platformPaths(): Paths {
  return { ...authPaths(), ...userPaths(), ...metaPaths(), ...discoveryPaths() };
}

function authPaths(): Paths {
  const tag = platformTags.auth.name;
  return {
    '/auth/login': {
      post: op(tag, {
        operationId: 'login', summary: 'Sign in', security: [],
        description: 'Returns a bearer token and sets the HttpOnly session cookie `shoal_session` for the web apps. Wrong credentials are a 401 (the same whether the e-mail exists or not); repeated failures are rate limited with 429 and `Retry-After`, counted over 15 minutes: 5 for an account from one client address (an IPv6 /64 counts as one address; only that address is stopped, so someone elsewhere cannot lock a user out by typing wrong passwords for their e-mail — though users behind one NAT address share it; behind a reverse proxy or load balancer the limits apply to each real client once the server setting `SHOAL_TRUSTED_PROXIES` names the proxy, whose `X-Forwarded-For` then gives the address of the client, and otherwise to the proxy as one address), 50 for an account from anywhere, 100 for an address whatever the account. While limited, even the right password is refused from there.',
        requestBody: jsonBody(schemaRef('LoginRequest')),
        responses: { 200: jsonResponse('Signed in', schemaRef('LoginResult')), ...problems(400, 401, 404, 413, 415, 429, 503) },
      }),
    },
    '/auth/tenant': {
      get: op(tag, {
        operationId: 'getSignInTenant', summary: 'The workspace to sign in to', security: [],
        description: 'The tenant\'s slug and display name, without signing in (for a sign-in page).',
        responses: {
          200: jsonResponse('The workspace', { type: 'object', required: ['slug', 'name'], additionalProperties: false, properties: { slug: { type: 'string' }, name: { type: 'string' } } }),
          ...problems(400, 404, 503),
        },
      }),
    },
    '/auth/logout': {
      post: op(tag, {
        operationId: 'logout', summary: 'Sign out', description: 'The token (or cookie session) stops working. An API key does not sign out (400): revoke it with `DELETE /api-keys/{id}`.',
        responses: { 204: emptyResponse('Signed out'), ...problems(400, 401, 403, 404, 503) },
      }),
    },
    '/me': {
      get: op(tag, {
        operationId: 'getMe', summary: 'The caller',
        responses: { 200: jsonResponse('The authenticated user', schemaRef('Me')), ...problems(...readProblems) },
      }),
      patch: op(tag, {
        operationId: 'updateMe', summary: 'Your own settings',
        description: 'The language of the screens (`locale`), kept with the user so it follows them to every browser and device. Any signed-in user, for themself only.',
        requestBody: jsonBody(schemaRef('MeUpdate')),
        responses: { 200: jsonResponse('The authenticated user', schemaRef('Me')), ...problems(...writeProblems) },
      }),
    },
    '/me/password': {
      post: op(tag, {
        operationId: 'changeMyPassword', summary: 'Change your password',
        description: 'Signed in with a session only (an API key is refused with 403). `currentPassword` must be right: a wrong one is 422 at `/currentPassword` (code `wrong_password`) and counts against the same limits as a failed sign-in (429 with `Retry-After` once reached); a new password equal to the current one is 422 at `/newPassword` (code `unchanged`). On success every other session of the user ends (other browsers and phones sign in again); this session goes on, and so do API keys unless `revokeApiKeys` is true. 409 when the password was changed meanwhile by another request.',
        requestBody: jsonBody(schemaRef('PasswordChange')),
        responses: { 204: emptyResponse('Changed'), ...problems(...writeProblems, 409, 429) },
      }),
    },
    '/api-keys': {
      post: op(tag, {
        operationId: 'createApiKey', summary: 'Create an API key',
        description: 'The key acts as you, narrowed to `roles` if given (only roles in effect for this request: made with a narrowed key, the new key has at most that key\'s roles, and exactly those without `roles`). It is shown once.',
        requestBody: jsonBody(schemaRef('ApiKeyCreate')),
        responses: { 201: jsonResponse('The key', schemaRef('ApiKeyCreated'), { Location: locationHeader('the new key (to read it, or revoke it with `DELETE`)') }), ...problems(...writeProblems) },
      }),
      get: op(tag, {
        operationId: 'listApiKeys', summary: 'List API keys',
        parameters: [queryParameter('all', { type: 'boolean' }, 'Admins: `true` lists every user’s keys (others get their own whatever they send). Anything but `true` or `false` (or `1`, `0`) is a 400.')],
        responses: { 200: jsonResponse('Your keys', schemaRef('ApiKeyList')), ...problems(...readProblems) },
      }),
    },
    '/api-keys/{id}': {
      get: op(tag, {
        operationId: 'getApiKey', summary: 'An API key',
        description: 'One of your keys as the list shows it (administrators: anyone\'s), never the key itself. Revoked keys are gone (404).',
        parameters: [pathParameter('id', { type: 'string', format: 'uuid' }, 'The key id.')],
        responses: { 200: jsonResponse('The key', schemaRef('ApiKey')), ...problems(...readProblems) },
      }),
      delete: op(tag, {
        operationId: 'deleteApiKey', summary: 'Revoke an API key',
        parameters: [pathParameter('id', { type: 'string', format: 'uuid' }, 'The key id.')],
        responses: { 204: emptyResponse('Revoked'), ...problems(401, 403, 404, 503) },
      }),
    },
  };
}

function userPaths(): Paths {
  const tag = platformTags.users.name;
  return {
    '/users': {
      post: op(tag, {
        operationId: 'createUser', summary: 'Create a user', description: adminOnly,
        requestBody: jsonBody(schemaRef('UserCreate')),
        responses: { 201: jsonResponse('The user', schemaRef('User'), { Location: locationHeader('the new user') }), ...problems(...writeProblems, [409, 'duplicate']) },
      }),
      get: op(tag, {
        operationId: 'listUsers', summary: 'List users', description: adminOnly,
        parameters: [
          queryParameter('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'Page size.'),
          queryParameter('q', { type: 'string' }, 'Search in names and e-mails.'),
          queryParameter('active', { type: 'boolean' }, 'Only active (or only deactivated) users.'),
          queryParameter('cursor', { type: 'string', format: 'uuid' }, 'The `nextCursor` of the previous page.'),
          queryParameter('after', { type: 'string', format: 'uuid' }, 'The older name of `cursor` (not both).'),
        ],
        responses: { 200: jsonResponse('A page of users', schemaRef('UserList')), ...problems(...readProblems, 403) },
      }),
    },
    '/records/user': {
      get: op(tag, {
        operationId: 'listUserRecords', summary: 'List colleagues (the read-only object `user`)',
        description: 'Every signed-in user may list colleagues (for lookups, owners and assignment), by name unless `orderBy` says otherwise. `attributes` are shown to administrators only; filtering by attributes is for administrators. `linkable` does not apply (400).',
        parameters: [
          queryParameter('where', { type: 'string', contentMediaType: 'application/json' }, 'A filter over users (id, email, name, roles, managerId, active; attributes.<key> for admins), JSON-encoded.'),
          queryParameter('orderBy', { type: 'string', maxLength: 500, default: 'name' }, `${userOrderBy}.`, { example: '-name' }),
          queryParameter('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size.'),
          queryParameter('cursor', { type: 'string' }, 'The `nextCursor` of the previous page (with the same `orderBy`).'),
          queryParameter('fields', { type: 'string' }, `${userFields}.`, { example: 'name,email' }),
          queryParameter('expand', { type: 'string', enum: [...userLookups] }, userExpand),
          queryParameter('count', { type: 'boolean' }, 'Add `total`.'),
        ],
        responses: { 200: jsonResponse('A page of users', schemaRef('UserRecordList')), ...problems(...readProblems) },
      }),
    },
    '/records/user/query': {
      post: op(tag, {
        operationId: 'queryUserRecords', summary: 'List colleagues (filter in the body)',
        description: 'The colleague list with its parameters in the body, for filters too long for a URL (e.g. many ids: `{ "where": { "id": { "$in": [...] } } }`).',
        requestBody: jsonBody({
          type: 'object', additionalProperties: false,
          properties: {
            where: { anyOf: [{ type: 'object', additionalProperties: true, description: 'A filter over users, as for `where` of `GET /records/user`.' }, { type: 'null' }] },
            orderBy: { type: 'string', maxLength: 500, description: `${userOrderBy} (default \`name\`).` },
            limit: { type: 'integer', minimum: 1, maximum: 500, description: 'Page size (default 50).' },
            cursor: { type: ['string', 'null'], maxLength: 4096, description: 'The `nextCursor` of the previous page.' },
            fields: { type: 'array', items: { type: 'string', enum: ['id', ...userRecordFields] }, maxItems: 500, description: `${userFields}.` },
            expand: { type: 'array', items: { type: 'string', enum: [...userLookups] }, maxItems: 50, description: userExpand },
            count: { type: 'boolean', description: 'Add `total`.' },
          },
        }),
        responses: { 200: jsonResponse('A page of users', schemaRef('UserRecordList')), ...problems(400, 401, 404, 413, 415, 503) },
      }),
    },
    '/records/user/{id}': {
      get: op(tag, {
        operationId: 'getUserRecord', summary: 'Get a colleague (the read-only object `user`)',
        parameters: [
          userId,
          queryParameter('fields', { type: 'string' }, `${userFields}.`, { example: 'name,email' }),
          queryParameter('expand', { type: 'string', enum: [...userLookups] }, userExpand),
        ],
        responses: { 200: jsonResponse('The user', schemaRef('UserRecord')), ...problems(...readProblems) },
      }),
    },
    '/users/{id}': {
      get: op(tag, {
        operationId: 'getUser', summary: 'Get a user', description: adminOnly, parameters: [userId],
        responses: { 200: jsonResponse('The user', schemaRef('User')), ...problems(...readProblems, 403) },
      }),
      patch: op(tag, {
        operationId: 'updateUser', summary: 'Update a user', description: adminOnly, parameters: [userId],
        requestBody: jsonBody(schemaRef('UserUpdate')),
        responses: { 200: jsonResponse('The user', schemaRef('User')), ...problems(...writeProblems, 409) },
      }),
      delete: op(tag, {
        operationId: 'deleteUser', summary: 'Deactivate a user', description: `${adminOnly} History keeps pointing at the user.`, parameters: [userId],
        responses: { 204: emptyResponse('Deactivated'), ...problems(401, 403, 404, 409, 503) },
      }),
    },
  };
}

/** The draft's entity tag (the records' `ETag` header names a record version). */
const draftTag = { description: 'The draft as an entity tag, e.g. `"3.q1Vb3kPz"` (or `"3"` while the draft is the live version 3 unchanged); it changes at every save and publish. Send it back in `If-Match`.', schema: { type: 'string' } };

function metaPaths(): Paths {
  const tag = platformTags.meta.name;
  const document = jsonBody(schemaRef('DocumentBody'));
  return {
    '/meta': {
      get: op(tag, {
        operationId: 'getMetadata', summary: 'The live metadata', description: 'Any authenticated user may read it.',
        responses: { 200: jsonResponse('The live version', schemaRef('MetadataLive')), ...problems(...readProblems) },
      }),
    },
    '/meta/schema': {
      get: op(tag, {
        operationId: 'getMetadataSchema', summary: 'JSON Schema of the metadata document', description: adminOnly,
        responses: { 200: jsonResponse('A JSON Schema', { type: 'object' }), ...problems(...readProblems, 403) },
      }),
    },
    '/meta/draft': {
      get: op(tag, {
        operationId: 'getMetadataDraft', summary: 'The draft', description: `${adminOnly} Created from the live version if there is none. Its \`ETag\` names this draft: send it back in \`If-Match\` when you save.`,
        responses: { 200: jsonResponse('The draft', schemaRef('MetadataDraft'), { ETag: draftTag }), ...problems(...readProblems, 403) },
      }),
      put: op(tag, {
        operationId: 'saveMetadataDraft', summary: 'Save the draft',
        description: `${adminOnly} An invalid draft is refused with every problem. With \`If-Match\` (the \`ETag\` of \`GET /meta/draft\` or of your last save), the save is made only if the draft is still the one you read: when someone saved it or published a version since, it is refused with 412 \`version_mismatch\` (with the draft's \`currentETag\`), and nothing is saved — read the draft again and make your change on it. Without \`If-Match\` the document replaces whatever the draft holds (the last write wins, and can undo a version published meanwhile): send it.`,
        parameters: [{
          name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, example: '"3.q1Vb3kPz"',
          description: 'The draft\'s `ETag` as you read it: the save is refused with 412 if the draft changed since (another save, a publish). Optional for clients written before it; without it the last write wins.',
        }],
        requestBody: document,
        responses: { 200: jsonResponse('Saved', schemaRef('MetadataValidation'), { ETag: draftTag }), ...problems(...writeProblems, [412, 'version_mismatch']) },
      }),
      delete: op(tag, {
        operationId: 'discardMetadataDraft', summary: 'Discard the draft', description: adminOnly,
        responses: { 204: emptyResponse('Discarded'), ...problems(401, 403, 404, 503) },
      }),
    },
    '/meta/draft/validate': {
      post: op(tag, {
        operationId: 'validateMetadata', summary: 'Validate a document without saving it', description: adminOnly,
        requestBody: document,
        responses: { 200: jsonResponse('The problems, if any', schemaRef('MetadataValidation')), ...problems(400, 401, 403, 404, 413, 415, 503) },
      }),
    },
    '/meta/diff': {
      get: op(tag, {
        operationId: 'getMetadataDiff', summary: 'Changes of the draft against the live version',
        description: `${adminOnly} Each change is safe, needs a data migration, or is destructive, with counts of affected records. Its \`ETag\` names the draft compared: send it in \`If-Match\` when you publish what you reviewed.`,
        parameters: [queryParameter('migrations', { type: 'string', contentMediaType: 'application/json' }, 'URL-encoded JSON array of data migrations to take into account.')],
        responses: { 200: jsonResponse('The changes', schemaRef('MetadataDiff'), { ETag: draftTag }), ...problems(...readProblems, 403) },
      }),
      post: op(tag, {
        operationId: 'previewMetadataDiff', summary: 'Changes of the draft, with migrations in the body',
        description: `${adminOnly} As \`GET /meta/diff\`, with its \`ETag\`.`,
        requestBody: jsonBody(schemaRef('PublishRequest'), undefined, { required: false }),
        responses: { 200: jsonResponse('The changes', schemaRef('MetadataDiff'), { ETag: draftTag }), ...problems(...writeProblems) },
      }),
    },
    '/meta/publish': {
      post: op(tag, {
        operationId: 'publishMetadata', summary: 'Publish the draft',
        description: `${adminOnly} Atomic: a publish that fails leaves the live version and all data as they were. 409 when a destructive change is not confirmed or a data migration is missing. A release reason a pool stops offering keeps its words in the published pool's \`removedReleaseReasons\` (derived by the server from the live version: a draft's own list is ignored), so records released for it still read in words (or move them with a \`moveReleaseReason\` migration). With \`If-Match\` (the \`ETag\` of the diff you reviewed), only that draft is published: when someone saved the draft or published a version since, the publish is refused with 412 \`version_mismatch\` (with the draft's \`currentETag\`) and nothing is published — review the diff again. Without \`If-Match\` whatever the draft holds is published, changes nobody reviewed included: send it. A save that lands while the publish runs refuses it either way (409 \`conflict\` without \`If-Match\`).`,
        parameters: [{
          name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, example: '"3.q1Vb3kPz"',
          description: 'The draft\'s `ETag` as the diff you reviewed gave it (or `GET /meta/draft`): the publish is refused with 412 if the draft changed since. Optional for clients written before it.',
        }],
        requestBody: jsonBody(schemaRef('PublishRequest'), undefined, { required: false }),
        responses: { 200: jsonResponse('The new version', schemaRef('PublishResult')), ...problems(...writeProblems, [409, 'destructive_change', 'migration_required', 'conflict'], [412, 'version_mismatch']) },
      }),
    },
    '/meta/versions': {
      get: op(tag, {
        operationId: 'listMetadataVersions', summary: 'Published versions', description: adminOnly,
        responses: { 200: jsonResponse('Versions, newest first', schemaRef('MetadataVersionList')), ...problems(...readProblems, 403) },
      }),
    },
    '/meta/versions/{version}': {
      get: op(tag, {
        operationId: 'getMetadataVersion', summary: 'One published version', description: adminOnly,
        parameters: [pathParameter('version', { type: 'integer', minimum: 1 }, 'The version number.')],
        responses: { 200: jsonResponse('The version', schemaRef('MetadataVersion')), ...problems(...readProblems, 403) },
      }),
    },
    '/meta/rollback': {
      post: op(tag, {
        operationId: 'rollbackMetadata', summary: 'Publish a copy of an earlier version', description: `${adminOnly} The same rules as publish.`,
        requestBody: jsonBody(schemaRef('RollbackRequest')),
        responses: { 200: jsonResponse('The new version', schemaRef('PublishResult')), ...problems(...writeProblems, [409, 'destructive_change', 'migration_required']) },
      }),
    },
  };
}

function discoveryPaths(): Paths {
  const tag = platformTags.discovery.name;
  return {
    '/objects': {
      get: op(tag, {
        operationId: 'listObjects', summary: 'Objects the caller can read',
        description: 'With labels, fields, options, and what the caller may do (`actions`, per field `readable`/`creatable`/`updatable`).',
        responses: { 200: jsonResponse('Objects', schemaRef('ObjectList')), ...problems(...readProblems) },
      }),
    },
    '/notifications': {
      get: op(tag, {
        operationId: 'listNotifications', summary: 'The caller’s in-app notifications',
        description: 'Warnings before a pool releases a held record, releases, assignments.',
        parameters: [
          queryParameter('unread', { type: 'boolean' }, '`true`: only unread ones.'),
          queryParameter('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'Page size.'),
          queryParameter('cursor', { type: 'string', maxLength: 4096 }, 'The `nextCursor` of the previous page (not with `before`).'),
          queryParameter('before', { type: 'string', format: 'date-time' }, 'Only older than this (the `createdAt` of the last one seen); `cursor` does this for you.'),
          queryParameter('beforeId', { type: 'string', format: 'uuid' }, 'With `before`: the `id` of the last one seen, so the next page also has the ones written at that same instant after it (a sweep writes many at once). Newest first means `createdAt` descending, then `id` descending.'),
        ],
        responses: { 200: jsonResponse('Notifications, newest first', schemaRef('NotificationList')), ...problems(...readProblems) },
      }),
    },
    '/notifications/read': {
      post: op(tag, {
        operationId: 'markNotificationsRead', summary: 'Mark notifications read',
        requestBody: jsonBody(schemaRef('NotificationsRead')),
        responses: {
          200: jsonResponse('How many changed', { type: 'object', required: ['updated'], properties: { updated: { type: 'integer', minimum: 0 } } }),
          ...problems(400, 401, 403, 404, 413, 415, 503),
        },
      }),
    },
    '/openapi.json': {
      get: op(tag, {
        operationId: 'getOpenApi', summary: 'This OpenAPI document',
        description: 'Generated from the live metadata; changes with every publish (see its `ETag`).',
        responses: { 200: jsonResponse('OpenAPI 3.1', { type: 'object' }, { ETag: { description: 'Changes when the document changes.', schema: { type: 'string' } } }), 304: emptyResponse('Not modified (`If-None-Match`)'), ...problems(...readProblems) },
      }),
    },
    '/docs': {
      get: op(tag, {
        operationId: 'getApiReference', summary: 'This reference as a web page', security: [],
        description: 'An interactive reference (Swagger UI). It signs in with the session cookie, or asks for e-mail and password.',
        responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } }, ...problems(404) },
      }),
    },
  };
}
