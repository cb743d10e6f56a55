import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

const marker = '/* shoal:prepare */';

/**
 * Put first in a statement (`sql\`${prepared} SELECT …\``) that runs on every request of a hot
 * path with the same text and different parameters (get by id, claims, updates). On PostgreSQL
 * it becomes a named prepared statement of the connection: parsed and planned once, then only
 * bound and executed (planning a statement over `records` and its many partial indexes costs
 * more than running it). PGlite runs it as an ordinary statement.
 */
export const prepared = sql.raw(`${marker} `);

/** How many statements one connection prepares; later ones run unprepared (the connection is recycled when idle). */
const maxPerConnection = 200;

/**
 * A `pg` client that prepares the statements marked with `prepared`, under a name derived from
 * their text (so the same text always has the same name, as `pg` requires). Statements a
 * tenant's literal id makes distinct are prepared per tenant; the cap bounds the server memory
 * a connection's plans can take.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();

  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2 && text.startsWith(marker)) {
      let name = this.#names.get(text);
      if (name === undefined && this.#names.size < maxPerConnection) {
        name = `shoal_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
        this.#names.set(text, name);
      }
      if (name !== undefined) return (pg.Client.prototype.query as (...a: unknown[]) => never).call(this, { name, text, values });
    }
    return (pg.Client.prototype.query as (...a: unknown[]) => never).apply(this, args);
  }
}
