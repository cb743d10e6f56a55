import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import { guardHiddenFields } from '../records/read-records.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { RecordContext } from '../records/record-context.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { compiledPipelines } from './compiled-pipelines.ts';

export interface FunnelStage {
  stage: string;
  kind: string;
  /** Records that entered the stage in the period. */
  entered: number;
  /** Records in the stage now (matching the filter). */
  current: number;
  /** Of those that entered in the period, how many later reached a later, non-lost stage. */
  converted: number;
  conversionRate: number | null;
  /** Median days spent in the stage, over stays that ended in the period. */
  medianDaysInStage: number | null;
}

/**
 * Funnel statistics of a pipeline over a period, computed live from stage events. Only
 * records the caller may read count (their read permission is part of the SQL), narrowed by an
 * optional filter.
 */
export async function funnel(tx: Tx, ctx: RecordContext, pipelineKey: string, options: { from?: Date; to?: Date; where?: unknown }): Promise<{ pipeline: string; from: string | null; to: string | null; stages: FunnelStage[] }> {
  const pipeline = compiledPipelines(ctx.compiled).get(pipelineKey);
  if (!pipeline) throw new ShoalError('not_found', `There is no pipeline called ${pipelineKey}`);
  // Funnel statistics belong to the reports component: without it there is no such endpoint.
  if (!ctx.compiled.has('reports')) throw new ShoalError('not_found', 'Reports are not enabled for this tenant');
  const object = ctx.compiled.objects.get(pipeline.object)!;
  if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no pipeline called ${pipelineKey}`);
  const conditions = [ctx.policy.predicate('read', object.key, 'r')];
  // A funnel tells stages: it counts only the records whose stage the caller may read.
  const fieldRules = ctx.policy.fieldRules('read', object.key, 'r');
  if (fieldRules && object.stageField) {
    const stage = object.stageField.key;
    const showing = fieldRules.filter((r) => r.fields === 'all' || r.fields.includes(stage));
    conditions.push(showing.length ? sql`(${sql.join(showing.map((r) => sql`(${r.condition})`), sql` OR `)})` : sql`FALSE`);
  }
  if (options.where) {
    conditions.push(compileFilterSql(guardHiddenFields(ctx, object, parseFilterOrThrow(options.where, object.scope, { basePointer: '?where' })), object.scope, { ...ctx.policy.context, alias: 'r' }));
  }
  const visible = sql`r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.deleted_at IS NULL AND ${sql.join(conditions, sql` AND `)}`;
  const from = options.from ?? new Date(0);
  const to = options.to ?? new Date('9999-12-31T00:00:00Z');
  // Over a period, only records with an event in it count (an entry, or the end of a stay, is
  // such an event): the windows then read those records' events, not the whole history.
  const inPeriod = options.from || options.to
    ? sql`AND e.record_id IN (SELECT p.record_id FROM stage_events AS p WHERE p.tenant_id = ${tenantLiteral(ctx.tenantId)} AND p.pipeline = ${pipeline.key}
            AND p.at >= ${from.toISOString()}::timestamptz AND p.at < ${to.toISOString()}::timestamptz)`
    : sql``;
  const keys = pipeline.stages.map((s) => s.key);
  const lost = pipeline.stages.filter((s) => s.kind === 'lost').map((s) => s.key);
  const rows = (await sql<{ stage: string; entered: string; converted: string; median_days: string | null; current: string }>`
    WITH ev AS (
      SELECT e.record_id, e.to_stage, e.at, array_position(${keys}::text[], e.to_stage) AS i,
             lead(e.at) OVER (PARTITION BY e.record_id ORDER BY e.at, e.id) AS left_at,
             -- The furthest non-lost stage the record reached from this event's time on (itself
             -- included): an entry converted when that is past its own stage.
             max(CASE WHEN NOT (e.to_stage = ANY (${lost}::text[])) THEN array_position(${keys}::text[], e.to_stage) END)
               OVER (PARTITION BY e.record_id ORDER BY e.at RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS furthest
        FROM stage_events AS e JOIN records AS r ON r.tenant_id = e.tenant_id AND r.id = e.record_id
       WHERE e.tenant_id = ${tenantLiteral(ctx.tenantId)} AND e.pipeline = ${pipeline.key} AND ${visible} ${inPeriod}
    ), entries AS (
      -- A record's first entry into a stage in the period; its furthest is the largest of the group's.
      SELECT record_id, to_stage, i, min(at) AS at, max(furthest) AS furthest FROM ev
       WHERE at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz
       GROUP BY record_id, to_stage, i
    ), conversions AS (
      -- Both windows sort by (record, time): one sort, no per-entry search of the events (which
      -- made the funnel of a tenant with a million leads run past the statement timeout).
      SELECT en.to_stage, count(*) AS entered, count(*) FILTER (WHERE en.furthest > en.i) AS converted
        FROM entries AS en GROUP BY en.to_stage
    ), stays AS (
      SELECT to_stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (left_at - at)) / 86400) AS median_days
        FROM ev WHERE left_at IS NOT NULL AND left_at >= ${from.toISOString()}::timestamptz AND left_at < ${to.toISOString()}::timestamptz
       GROUP BY to_stage
    ), now_in AS (
      SELECT r.stage, count(*) AS current FROM records AS r WHERE ${visible} GROUP BY r.stage
    )
    SELECT s.stage, coalesce(c.entered, 0) AS entered, coalesce(c.converted, 0) AS converted, st.median_days, coalesce(n.current, 0) AS current
      FROM unnest(${keys}::text[]) AS s(stage)
      LEFT JOIN conversions AS c ON c.to_stage = s.stage
      LEFT JOIN stays AS st ON st.to_stage = s.stage
      LEFT JOIN now_in AS n ON n.stage = s.stage`.execute(tx)).rows;
  const byStage = new Map(rows.map((r) => [r.stage, r]));
  return {
    pipeline: pipeline.key,
    from: options.from?.toISOString() ?? null,
    to: options.to?.toISOString() ?? null,
    stages: pipeline.stages.map((s) => {
      const r = byStage.get(s.key);
      const entered = Number(r?.entered ?? 0);
      const converted = s.kind === 'open' ? Number(r?.converted ?? 0) : 0;
      return {
        stage: s.key,
        kind: s.kind,
        entered,
        current: Number(r?.current ?? 0),
        converted,
        conversionRate: s.kind === 'open' && entered > 0 ? Math.round((converted / entered) * 10000) / 10000 : null,
        medianDaysInStage: r?.median_days === null || r?.median_days === undefined ? null : Math.round(Number(r.median_days) * 100) / 100,
      };
    }),
  };
}
