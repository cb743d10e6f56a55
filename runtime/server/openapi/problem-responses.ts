import { errorCodes, errorStatus, type ErrorCode } from '../../../platform/errors.ts';
import { problemType } from '../http/problem.ts';
import { headerRef, responseRef, schemaRef } from './openapi-helpers.ts';
import type { Header, JsonSchema, Reference, Response, Responses } from './openapi-types.ts';

/** The statuses an operation may answer with a problem, and the shared response of each. */
const problemStatuses = {
  400: { name: 'BadRequest', text: 'Malformed request: bad JSON, an unknown or repeated parameter, bad filter syntax' },
  401: { name: 'Unauthorized', text: 'No credentials, or a token/key that is expired, revoked or unknown' },
  403: { name: 'Forbidden', text: 'Authenticated but not allowed (role, field permission, or a missing X-CSRF-Token on a cookie request)' },
  404: { name: 'NotFound', text: 'No such tenant, object or record — or not visible to the caller' },
  409: { name: 'Conflict', text: 'The state changed or conflicts (`metadata_changed`: a publish made new metadata live while the write waited, and nothing was written; send it again)' },
  412: { name: 'PreconditionFailed', text: '`If-Match` does not match the current version' },
  413: { name: 'PayloadTooLarge', text: 'The body is larger than the limit' },
  415: { name: 'UnsupportedMediaType', text: 'The body is not of the expected content type' },
  422: { name: 'UnprocessableContent', text: 'Valid JSON that breaks the metadata’s rules; `errors` lists each problem with a JSON pointer' },
  429: { name: 'TooManyRequests', text: 'Rate limited; retry after `Retry-After` seconds' },
  503: { name: 'ServiceUnavailable', text: 'The database is unavailable; retry after `Retry-After` seconds' },
} as const;

export type ProblemStatus = keyof typeof problemStatuses;

/** The problem codes that map to `status`, from the one code → status table. */
export function codesFor(status: number): ErrorCode[] {
  return errorCodes.filter((code) => errorStatus[code].status === status);
}

function codeList(codes: readonly string[]): string {
  return codes.map((c) => `\`${c}\``).join(', ');
}

/** `Problem` and `ProblemItem`: the RFC 9457 body of every 4xx/5xx. */
export function problemSchemas(): Record<string, JsonSchema> {
  return {
    Problem: {
      type: 'object',
      title: 'Problem (RFC 9457)',
      description: 'Every 4xx/5xx answer, as `application/problem+json`. `code` is the stable machine string to branch on.',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string', format: 'uri', examples: ['https://shoal.dev/problems/validation'] },
        title: { type: 'string', examples: ['Validation failed'] },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        code: { type: 'string', description: `Stable machine code. Current codes: ${codeList(errorCodes)}. New codes may be added.`, examples: ['validation_failed'] },
        detail: { type: 'string', description: 'A sentence for people.' },
        instance: { type: 'string', description: 'The request path.' },
        errors: { type: 'array', items: schemaRef('ProblemItem'), description: 'Each problem of the input, with a JSON pointer into it.' },
      },
      additionalProperties: true,
      examples: [{
        type: 'https://shoal.dev/problems/validation', title: 'Validation failed', status: 422, code: 'validation_failed',
        detail: '2 fields are invalid', errors: [{ path: '/score', message: 'must be <= 100' }],
      }],
    },
    ProblemItem: {
      type: 'object',
      required: ['path', 'message'],
      properties: {
        path: { type: 'string', description: 'Where the problem is: a JSON pointer into the body (`/score`), `?name` for a query parameter (`?orderBy`; `?where/score/$gte` inside one), or `header:Name` for a request header (`header:If-Match`).' },
        message: { type: 'string' },
      },
      additionalProperties: true,
    },
  };
}

const retryAfter: Header = { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } };

/** `components.responses`: one shared problem response per status; `components.headers`. */
export function problemComponents(): { responses: Record<string, Response>; headers: Record<string, Header> } {
  const responses: Record<string, Response> = {};
  for (const [status, { name, text }] of Object.entries(problemStatuses)) {
    responses[name] = problemResponse(Number(status), text);
  }
  return {
    responses,
    headers: {
      RetryAfter: retryAfter,
      WWWAuthenticate: { description: 'The scheme to authenticate with: `Bearer realm="shoal"`.', schema: { type: 'string', examples: ['Bearer realm="shoal"'] } },
      ETag: { description: 'The record version as an entity tag, e.g. `"3"`; send it back in `If-Match`.', schema: { type: 'string' } },
      Allow: {
        description: 'The methods you may use on this record, by your roles\' rules applied to it: `GET` and `HEAD`, and `PATCH` and `DELETE` when your rules let you update or delete it (e.g. `GET, HEAD, PATCH`).',
        schema: { type: 'string', examples: ['GET, HEAD, PATCH, DELETE'] },
      },
      ShoalCreatable: {
        description: 'The related records you may create pointing at this one, by your roles\' create rules: `object.field` for each lookup `field` of `object` that targets this record\'s object (`visit.lead`: you may create a visit whose lead is this record). Sent with `include=creatable`; empty when none.',
        required: false,
        schema: { type: 'string', examples: ['visit.lead, contract.lead'] },
      },
    },
  };
}

function problemResponse(status: number, text: string): Response {
  const codes = codesFor(status);
  return {
    description: codes.length > 0 ? `${text}. Codes: ${codeList(codes)}.` : text,
    ...(status === 429 || status === 503 ? { headers: { 'Retry-After': headerRef('RetryAfter') } } : {}),
    ...(status === 401 ? { headers: { 'WWW-Authenticate': headerRef('WWWAuthenticate') } } : {}),
    ...(status === 412 ? { headers: { ETag: { description: 'The version the write was refused against (the record\'s, the view\'s or the draft\'s current `ETag`, also in the body as `currentVersion` or `currentETag`), when it is known.', required: false, schema: { type: 'string', examples: ['"4"'] } } } } : {}),
    content: { 'application/problem+json': { schema: schemaRef('Problem'), ...(codes[0] ? { example: problemExample(status, codes[0]) } : {}) } },
  };
}

/** An example body of a code (the validation example shows its `errors`). */
function problemExample(status: number, code: ErrorCode): Record<string, unknown> {
  const example: Record<string, unknown> = { type: problemType(code), title: errorStatus[code].title, status, code, detail: '…' };
  if (status === 400 || status === 422) example.errors = [{ path: status === 400 ? '/where/score/$gte' : '/score', message: status === 400 ? 'must be a number' : 'must be <= 100' }];
  return example;
}

/**
 * The problem responses of an operation. A status given with codes gets its own description
 * naming them (e.g. 409 `already_claimed`); others refer to the shared response.
 *
 * @example
 * problems(400, 401, 404, [409, 'already_claimed', 'cooldown'], 503)
 */
export function problems(...entries: Array<ProblemStatus | [ProblemStatus, ...string[]]>): Responses {
  const out: Record<string, Response | Reference> = {};
  for (const entry of entries) {
    if (Array.isArray(entry)) {
      const [status, ...codes] = entry;
      const { text } = problemStatuses[status];
      out[String(status)] = {
        description: `${text}. Codes: ${codeList(codes)}.`,
        content: { 'application/problem+json': { schema: schemaRef('Problem') } },
      };
    } else {
      out[String(entry)] = responseRef(problemStatuses[entry].name);
    }
  }
  return out;
}

/** The statuses nearly every authenticated call can answer. */
export const readProblems: ProblemStatus[] = [400, 401, 404, 503];
/** … and those of a call with a JSON body that the metadata validates. */
export const writeProblems: ProblemStatus[] = [400, 401, 403, 404, 413, 415, 422, 503];
