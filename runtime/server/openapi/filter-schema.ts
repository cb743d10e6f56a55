import type { JsonSchema } from './openapi-types.ts';

/** The filter language, as Markdown: one text for the `Filter` schema and the document intro. */
export const filterLanguage = `A JSON tree in the MongoDB/CASL style. The same language is used by API filters, saved views,
permission conditions, pool visibility and assignment rules.

\`\`\`json
{ "stage": "qualified",
  "score": { "$gte": 50, "$lt": 90 },
  "city": { "$in": ["beijing", "shanghai"] },
  "$or": [ { "name": { "$contains": "hotel" } }, { "hotel.stars": { "$gte": 4 } } ],
  "lastVisitAt": { "$lt": "now-15d" },
  "owner": "$user.id" }
\`\`\`

- **Fields** are the object's field keys and system fields (\`id\`, \`owner\`, \`createdAt\`, …, on objects
  with a pipeline \`stageEnteredAt\`, and on pool objects \`pool\`, \`poolState\`, \`holdExpiresAt\`, …): won
  this month is \`{ "stage": "signed", "stageEnteredAt": { "$gte": "startOfMonth" } }\`, the private records of one
  pool \`{ "pool": "leadPool", "poolState": "private" }\`. \`a.b\` follows the lookup field \`a\` into the related
  object's field \`b\` (one hop).
- **Operators:** \`$eq\` (implicit: \`{ "city": "beijing" }\`), \`$ne\`, \`$gt\`, \`$gte\`, \`$lt\`, \`$lte\`, \`$in\`, \`$nin\`,
  \`$contains\` (case-insensitive substring), \`$startsWith\`, \`$null\` (\`true\` | \`false\`); multi-select fields
  also take \`$all\` and \`$any\`. Combine with \`$and\`, \`$or\` (arrays of filters) and \`$not\` (a filter).
  Several keys in one object are ANDed.
- **Dates:** date and date-time values accept ISO strings and \`now\`, \`today\`, \`yesterday\`, \`tomorrow\`,
  \`startOfWeek\`, \`startOfMonth\`, \`startOfYear\`, each optionally shifted: \`now-15d\`, \`now+2h\`,
  \`startOfMonth-1M\` (units \`s m h d w M y\`).
- **Variables:** \`$user.id\`, \`$user.roles\`, \`$user.attributes.<key>\` are replaced with the caller's values.
- **Checks:** every value is checked against its field's type. A bad field name, operator or value is a
  400 \`invalid_filter\` whose \`errors\` give the JSON pointer of each offending node. Limits: depth 10,
  200 conditions, 1000 values per list.

In a query string, send the filter URL-encoded: \`?where=%7B%22stage%22%3A%22new%22%7D\`. For long filters
use \`POST …/query\` with the filter in the body.`;

/** The `Filter` schema: an open object documented by the language above, with examples. */
export function filterSchema(): JsonSchema {
  return {
    type: 'object',
    title: 'Filter',
    description: filterLanguage,
    additionalProperties: true,
    examples: [
      { stage: 'new' },
      { score: { $gte: 50, $lt: 90 }, city: { $in: ['beijing', 'shanghai'] } },
      { $or: [{ name: { $contains: 'hotel' } }, { 'hotel.stars': { $gte: 4 } }] },
      { lastVisitAt: { $lt: 'now-15d' }, owner: '$user.id' },
      { tags: { $any: ['vip', 'chain'] } },
    ],
  };
}
