import { poolAdminRoles, type CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { labelText, type PoolDefinition } from '../../../platform/metadata/metadata-types.ts';
import { releaseOrder } from '../../../platform/pools/pool-lists.ts';
import { offeredReleaseReasons } from '../../../platform/pools/release-reasons.ts';
import { jsonBody, jsonResponse, labelTitle, parameterRef, pascalCase, queryParameter, schemaRef } from './openapi-helpers.ts';
import { expandParameter, fieldsParameter, listParameters, orderByParameter, whereParameter } from './list-parameters.ts';
import type { Operation, Paths } from './openapi-types.ts';
import { problems, readProblems, writeProblems } from './problem-responses.ts';
import { recordResponse, type ObjectNaming } from './record-paths.ts';

/** The tag of every pool operation. */
export const poolsTag = {
  name: 'Pools',
  description: 'Public pool (公海) and private pools (私海): claim, release, assign, extend, and the scheduled recycling (sweep).',
};

const claimConflicts: [409, ...string[]] = [409, 'already_claimed', 'claim_limit_reached', 'daily_claim_limit_reached', 'cooldown', 'not_claimable', 'metadata_changed'];

/** The endpoints of every pool of the tenant (the `pools` component). */
export function poolPaths(compiled: CompiledMetadata, namingOf: (objectKey: string) => ObjectNaming | undefined): Paths {
  const paths: Paths = {};
  for (const [key, pool] of Object.entries(compiled.document.pools ?? {})) {
    const naming = namingOf(pool.object);
    if (!naming) continue;
    const { object, stem } = naming;
    const name = pascalCase(key);
    const title = labelTitle(pool.label, key);
    const base = `/pools/${key}`;
    const recordResult = (description: string) => ({ 200: recordResponse(stem, description) });
    const op = (operation: Omit<Operation, 'tags'>): Operation => ({ tags: [poolsTag.name], ...operation });
    paths[`${base}/public`] = {
      get: op({
        operationId: `list${name}Public`, summary: `Public ${object.key} records of ${title}`,
        description: 'The public pool, with the same parameters as record lists. Fields hidden while public are absent. '
          + 'Each record also says when the caller may claim it again if they let it go less than the re-claim cooldown ago (`cooldownUntil`; null when they may claim it now).',
        parameters: listParameters(object),
        responses: {
          200: jsonResponse('A page of records', {
            type: 'object', required: ['data', 'nextCursor'],
            properties: {
              data: { type: 'array', items: { allOf: [schemaRef(stem), schemaRef('PoolCooldown')] } },
              nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
              total: { type: 'integer', minimum: 0, description: 'Every matching record (only with `count=true`).' },
            },
          }),
          ...problems(...readProblems, 403),
        },
      }),
    };
    paths[`${base}/mine`] = {
      get: op({
        operationId: `list${name}Mine`, summary: `My private ${object.key} records in ${title} (or a member’s, or everyone’s)`,
        description: 'The caller’s private pool (with `owner`, a pool administrator’s view of a member’s or everyone’s), ordered by what goes back to the public pool first unless `orderBy` asks for another order (as in record lists): each record with the rule that will release it first (`releaseDueTo`, `releaseAt`; null for exempt records) and how many more times its hold may be extended (`extensionsLeft`). `releaseWithinDays=7` keeps those going back within the next 7 days.',
        parameters: [
          whereParameter(object),
          orderByParameter(object, releaseOrder, `The default, \`${releaseOrder}\`, puts first what goes back to the public pool first (records nothing releases last); a cursor belongs to the order it came from. `),
          parameterRef('Limit'), parameterRef('Cursor'), fieldsParameter(object), expandParameter(object), parameterRef('Count'),
          queryParameter('owner', { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string', const: 'any' }] }, 'Pool administrators: another user’s private pool, or `any`: every holder’s private records of this pool that the caller may read (what the team lets go back first, with `releaseWithinDays`).'),
          queryParameter('releaseWithinDays', { type: 'integer', minimum: 0, maximum: 3660 }, 'Only records whose `releaseAt` is less than this many days from now (exempt records, which nothing releases, are left out).'),
        ],
        responses: {
          200: jsonResponse('A page of records', {
            type: 'object', required: ['data', 'nextCursor'],
            properties: {
              data: { type: 'array', items: { allOf: [schemaRef(stem), schemaRef('PoolReleaseDue')] } },
              nextCursor: { type: ['string', 'null'] },
              total: { type: 'integer', minimum: 0, description: 'Every matching record (only with `count=true`).' },
            },
          }),
          ...problems(...readProblems, 403),
        },
      }),
    };
    paths[`${base}/holdings`] = {
      get: op({
        operationId: `holdings${name}`, summary: `What people hold against ${title}’s limit`,
        description: 'Private, not-won records per person, counted as `maxPerOwner` counts them. Pool administrators get everyone who holds any (to weigh an assignment); others only themselves.',
        responses: { 200: jsonResponse('Holdings', schemaRef('PoolHoldings')), ...problems(...readProblems) },
      }),
    };
    paths[`${base}/claim`] = {
      post: op({
        operationId: `claim${name}`, summary: `Claim a public ${object.key}`,
        description: `Makes the caller the owner. Limits: ${pool.maxPerOwner ?? 'no'} private records per owner (won ones do not count), ${pool.maxClaimsPerDay ?? 'no'} claims per day; re-claiming a record you let go waits ${pool.reclaimCooldownDays ?? 0} days. Under concurrent claims a record gets at most one owner.`,
        requestBody: jsonBody(schemaRef('PoolClaimRequest')),
        responses: { ...recordResult('The claimed record'), ...problems(400, 401, 403, 404, 413, 415, 422, claimConflicts, 503) },
      }),
    };
    paths[`${base}/release`] = {
      post: op({
        operationId: `release${name}`, summary: `Release a private ${object.key} to the public pool`,
        description: releaseDescription(pool),
        requestBody: jsonBody(schemaRef('PoolReleaseRequest'), undefined, { example: { id: '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b', reason: offeredReleaseReasons(pool)[0]?.key ?? '老板换人了' } }),
        responses: { ...recordResult('The released record'), ...problems(...writeProblems, 409) },
      }),
    };
    paths[`${base}/assign`] = {
      post: op({
        operationId: `assign${name}`, summary: `Assign a ${object.key} to a user`,
        description: `For ${administrators(pool)} and whoever else the roles let assign the record. The assignee’s limit applies unless ${administrators(pool)} send \`"force": true\`.`,
        requestBody: jsonBody(schemaRef('PoolAssignRequest')),
        responses: { ...recordResult('The assigned record'), ...problems(...writeProblems, claimConflicts) },
      }),
    };
    paths[`${base}/extend`] = {
      post: op({
        operationId: `extend${name}`, summary: `Extend the hold on a ${object.key}`,
        description: pool.extension
          ? `Pushes back the hold expiry and the not-won deadline by ${pool.extension.days} days, at most ${pool.extension.maxTimes} times; visits are still due. ${extendersOf(pool)}`
          : 'This pool allows no extensions.',
        requestBody: jsonBody(schemaRef('PoolExtendRequest')),
        responses: { ...recordResult('The record with its new `holdExpiresAt`'), ...problems(...writeProblems, [409, 'extension_limit_reached', 'metadata_changed']) },
      }),
    };
    paths[`${base}/sweep`] = {
      post: op({
        operationId: `sweep${name}`, summary: `Run the recycling of ${title} now`,
        description: 'Role `admin` (or a pool admin). Releases what the schedule would release as of `asOf` (default now), or previews it with `dryRun`. '
          + 'Only a preview may look ahead: a sweep that releases refuses an `asOf` later than the server’s clock (400 at `/asOf`), for tenant admins too, '
          + 'and dates what it writes (`releasedAt`, history, cooldowns, notifications) now. '
          + 'A pool admin who is not a tenant admin sweeps (and previews) only the holds they may read; the scheduled sweep, run by the system, all of them. '
          + 'Each released record gets its history entry, pool event, cooldown entry and a notification to its former holder in the same transaction; '
          + 'on PostgreSQL a large sweep releases in parts on two connections at once, each part all or nothing. Running it again for the same moment releases nothing more.',
        requestBody: jsonBody(schemaRef('PoolSweepRequest'), undefined, { required: false }),
        responses: { 200: jsonResponse('What was (or would be) released', schemaRef('PoolSweepResult')), ...problems(...writeProblems) },
      }),
    };
  }
  return paths;
}

/** Text with Markdown's punctuation escaped, so it reads as written (no link, image or code span). */
function plainMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~-]/g, (c) => `\\${c}`);
}

/** What a release of this pool keeps as its reason: the keys of the reasons the app offers (with their words), or typed words. */
function releaseDescription(pool: PoolDefinition): string {
  const offered = offeredReleaseReasons(pool).map((r) => {
    // Words a tenant's owner wrote, in Markdown the reference page renders: kept as plain text.
    const words = [...new Set([labelText(r.label, 'zh', r.key), labelText(r.label, 'en', r.key)])].map(plainMarkdown).join(' / ');
    return `\`${r.key}\` (${words})`;
  });
  const usual = offered.length > 0 ? `The app offers this pool's usual reasons and sends the one picked by its key: ${offered.join(', ')}. ` : 'This pool offers no usual reasons: the app asks for one in words. ';
  return `The holder (whose roles grant \`release\`), or ${administrators(pool)} for anyone's hold. ${usual}A reason in a person's own words is taken as well, kept as typed (\`releaseReason\`). A reason the system stores is refused with 422 \`validation_failed\` at \`/reason\` (the problem's \`reason\` names it; \`hold_expired\`, \`no_visit\`, \`not_won\`: the sweep's; \`reassigned\`: a reassignment's), so a release by hand is never counted as one of those.`;
}

/** Who administers a pool, in words: its `admins` roles and tenant admins. */
function administrators(pool: PoolDefinition): string {
  const roles = poolAdminRoles(pool);
  return roles.length > 0 ? `the pool's administrators (roles ${roles.map((r) => `\`${r}\``).join(', ')}) and tenant admins` : 'tenant admins (the pool names no administrators)';
}

/** Who may extend a hold of this pool (`extension.by`, and always its administrators). */
function extendersOf(pool: PoolDefinition): string {
  const by = pool.extension?.by ?? ['owner', 'manager'];
  const who = [
    ...(by.includes('owner') ? ['the holder (whose roles grant `extend`)'] : []),
    ...(by.includes('manager') ? ['the holder’s manager (whose roles grant `extend`)'] : []),
  ];
  return `By ${[...who, `${administrators(pool)}, for anyone's hold`].join(', ')}.`;
}
