import { sql, type Kysely } from 'kysely';

/**
 * A metadata draft's revision: a new random token at every save, part of the draft's ETag, so a
 * save can be made conditional on the draft the studio (or an integrator) read (`If-Match`).
 * Random rather than counted: a draft discarded and saved again starts a new row, and a count
 * starting over would give an old tab's tag back; a shared sequence would tell one tenant how
 * often the others save. Drafts saved before this get one token of their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE meta_drafts ADD COLUMN revision text NOT NULL DEFAULT 'before-revisions'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE meta_drafts DROP COLUMN revision`.execute(db);
}
