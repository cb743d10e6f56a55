import { sql, type Kysely } from 'kysely';

/**
 * The shared record indexes' statistics cover their expression together with `object`
 * (record-indexes.ts, `statisticsSql`). Statistics made before, on the expression alone, are
 * made again under the same name with the new definition, and `records` is analysed once so the
 * planner has them at once (empty statistics make it guess a third of the rows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sharedStatistics(db, { withObject: false });
  for (const { name, expression } of rows) {
    await sql`DROP STATISTICS ${sql.id(name)}`.execute(db);
    await sql.raw(`CREATE STATISTICS ${name} (mcv) ON object, (${expression}) FROM records`).execute(db);
  }
  if (rows.length > 0) await sql`ANALYZE records`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name, expression } of await sharedStatistics(db, { withObject: true })) {
    await sql`DROP STATISTICS ${sql.id(name)}`.execute(db);
    await sql.raw(`CREATE STATISTICS ${name} ON ${expression} FROM records`).execute(db);
  }
}

/** The shared indexes' statistics on `records` (named `rs_…_s`), with or without a column beside their expression. */
async function sharedStatistics(db: Kysely<unknown>, options: { withObject: boolean }): Promise<Array<{ name: string; expression: string }>> {
  return (await sql<{ name: string; expression: string }>`
    SELECT s.stxname AS name, (pg_get_statisticsobjdef_expressions(s.oid))[1] AS expression
      FROM pg_statistic_ext AS s
     WHERE s.stxrelid = 'records'::regclass AND s.stxname ~ '^rs_[0-9a-f]{16}_s$'
       AND (cardinality(s.stxkeys::int2[]) > 0) = ${options.withObject}`.execute(db)).rows;
}
