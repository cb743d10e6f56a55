import { maxViewsPerObject } from '../../../platform/views/personal-views.ts';
import { maxLabelLength } from '../../../platform/views/view-definition.ts';
import { emptyResponse, headerRef, jsonBody, jsonResponse, locationHeader, pathParameter, schemaRef } from './openapi-helpers.ts';
import type { JsonSchema, Operation, Paths } from './openapi-types.ts';
import { problems } from './problem-responses.ts';

export const personalViewsTag = {
  name: 'Personal views',
  description: `Each user's own saved views of an object's list (label, filter, order, columns, table or board), kept on the server so they follow the user to every browser and device. A caller sees and changes only their own: another user's view is a 404. Up to ${maxViewsPerObject} per user and object. Views defined in the metadata (\`views\`) are separate.`,
};

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const exampleId = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const exampleDefinition = { where: { city: 'hangzhou', stage: { $in: ['new', 'contacted'] } }, orderBy: '-score', columns: ['name', 'city', 'score', 'stage'], display: 'table' };
const exampleView = {
  id: exampleId, object: 'lead', label: '我的杭州线索', definition: exampleDefinition, position: 0, version: 1,
  createdAt: '2026-03-02T08:15:00.000Z', updatedAt: '2026-03-02T08:15:00.000Z',
};
const label: JsonSchema = {
  type: 'string', minLength: 1, maxLength: maxLabelLength,
  description: `Trimmed; not blank and at most ${maxLabelLength} characters after trimming (422), unique among your views of the object (409 \`duplicate\`).`,
};

/** Schemas of the personal views API. */
export function personalViewSchemas(): Record<string, JsonSchema> {
  return {
    ViewDefinition: {
      type: 'object', additionalProperties: false,
      description: 'What the view shows. Checked as a list of the object checks the same settings: `where` by the filter language (400 `invalid_filter`, pointers under `/definition/where`); `orderBy` and `columns` must name fields of the object you may read (400 `bad_request`); `kanban` needs an object with stages (422). At most 64 KB of JSON.',
      properties: {
        where: schemaRef('Filter'),
        orderBy: { type: 'string', maxLength: 500, description: 'As a list\'s `orderBy`: comma list, `-` for descending.', examples: ['-score,name'] },
        columns: { type: 'array', maxItems: 200, items: { type: 'string' }, description: 'Field keys, in the order shown.' },
        display: { type: 'string', enum: ['table', 'kanban'] },
      },
      examples: [exampleDefinition],
    },
    PersonalView: {
      type: 'object', additionalProperties: false,
      required: ['id', 'object', 'label', 'definition', 'position', 'version', 'createdAt', 'updatedAt'],
      properties: {
        id: uuid, object: { type: 'string' }, label: { type: 'string' }, definition: schemaRef('ViewDefinition'),
        position: { type: 'integer', minimum: 0, description: 'Your order of the views, from 0.' },
        version: { type: 'integer', minimum: 1, description: 'Counts changes of label and definition (not of the order); also the `ETag`.' },
        createdAt: dateTime, updatedAt: dateTime,
      },
      examples: [exampleView],
    },
    PersonalViewList: {
      type: 'object', required: ['data'], additionalProperties: false,
      properties: { data: { type: 'array', items: schemaRef('PersonalView'), description: 'In your order (`position`).' } },
      examples: [{ data: [exampleView] }],
    },
    PersonalViewCreate: {
      type: 'object', required: ['label', 'definition'], additionalProperties: false,
      properties: { label, definition: schemaRef('ViewDefinition') },
      examples: [{ label: '我的杭州线索', definition: exampleDefinition }],
    },
    PersonalViewChange: {
      type: 'object', minProperties: 1, additionalProperties: false,
      description: 'A new label, a new definition (replacing the whole definition), or both.',
      properties: { label, definition: schemaRef('ViewDefinition') },
      examples: [{ label: '杭州 · 高分' }],
    },
    PersonalViewOrder: {
      type: 'object', required: ['ids'], additionalProperties: false,
      properties: { ids: { type: 'array', uniqueItems: true, items: uuid, description: 'Every one of your views of the object, once, in the new order.' } },
      examples: [{ ids: [exampleId] }],
    },
  };
}

function op(operation: Omit<Operation, 'tags'>): Operation {
  return { tags: [personalViewsTag.name], ...operation };
}

/** `/me/views/{object}`…: the caller's own saved views. `objectKeys`: the tenant's objects. */
export function personalViewPaths(objectKeys: string[]): Paths {
  const object = pathParameter('object', { type: 'string', ...(objectKeys.length ? { enum: objectKeys } : {}) }, 'The object whose list the views show (404 if you may not read it).');
  const id = pathParameter('id', uuid, 'The view id.');
  const ifMatch = { name: 'If-Match', in: 'header' as const, required: false, description: 'The `ETag` you hold (`"2"`): the change is refused with 412 if the view changed since. Without it the last write wins.', schema: { type: 'string' } };
  const etag = { ETag: headerRef('ETag') };
  return {
    '/me/views/{object}': {
      get: op({
        operationId: 'listMyViews', summary: 'My saved views of an object', parameters: [object],
        responses: { 200: jsonResponse('Your views, in your order', schemaRef('PersonalViewList')), ...problems(400, 401, 404, 503) },
      }),
      post: op({
        operationId: 'createMyView', summary: 'Save a view', parameters: [object],
        description: `Saves a view after your others. 409 \`duplicate\` when you already have a view of this label here; 409 \`view_limit_reached\` (with \`limit\`) when you keep ${maxViewsPerObject} already.`,
        requestBody: jsonBody(schemaRef('PersonalViewCreate'), undefined, { example: { label: '我的杭州线索', definition: exampleDefinition } }),
        responses: {
          201: jsonResponse('The saved view', schemaRef('PersonalView'), { ...etag, Location: locationHeader('the new view') }),
          ...problems(400, 401, 403, 404, [409, 'duplicate', 'view_limit_reached'], 413, 415, 422, 503),
        },
      }),
    },
    '/me/views/{object}/order': {
      put: op({
        operationId: 'reorderMyViews', summary: 'Put my views in an order', parameters: [object],
        description: 'Names every one of your views of the object once, in the new order. 409 `conflict` when the list names other views than you have (one was added or deleted since you read them).',
        requestBody: jsonBody(schemaRef('PersonalViewOrder')),
        responses: { 200: jsonResponse('Your views in the new order', schemaRef('PersonalViewList')), ...problems(400, 401, 403, 404, [409, 'conflict'], 413, 415, 503) },
      }),
    },
    '/me/views/{object}/{id}': {
      get: op({
        operationId: 'getMyView', summary: 'One of my views', parameters: [object, id],
        responses: { 200: jsonResponse('The view', schemaRef('PersonalView'), etag), ...problems(400, 401, 404, 503) },
      }),
      patch: op({
        operationId: 'changeMyView', summary: 'Rename a view or change what it shows', parameters: [object, id, ifMatch],
        requestBody: jsonBody(schemaRef('PersonalViewChange'), undefined, { example: { label: '杭州 · 高分', definition: { ...exampleDefinition, where: { city: 'hangzhou', score: { $gte: 80 } } } } }),
        responses: {
          200: jsonResponse('The changed view', schemaRef('PersonalView'), etag),
          ...problems(400, 401, 403, 404, [409, 'duplicate'], 412, 413, 415, 422, 503),
        },
      }),
      delete: op({
        operationId: 'deleteMyView', summary: 'Delete a view', parameters: [object, id, ifMatch],
        responses: { 204: emptyResponse('Deleted'), ...problems(400, 401, 403, 404, 412, 503) },
      }),
    },
  };
}
