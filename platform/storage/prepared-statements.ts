import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

const marker = '/* shoal:prepare */';
const deferMarker = '/* shoal:defer-begin */';

/**
 * Put first in a statement (`sql\`${prepared} SELECT …\``) that runs on every request of a hot
 * path with the same text and different parameters (get by id, claims, updates). On PostgreSQL
 * it becomes a named prepared statement of the connection: parsed and planned once, then only
 * bound and executed (planning a statement over `records` and its many partial indexes costs
 * more than running it). PGlite runs it as an ordinary statement.
 */
export const prepared = sql.raw(`${marker} `);

/**
 * The text that opens a transaction with `setup` (statements without parameters) on a
 * `PreparingClient` without a round trip of its own: the client sends the setup in front of
 * the transaction's first statement, in one message batch that the server runs up to a single
 * Sync, so when any of it fails nothing after it runs.
 *
 * With `commitEach` (read-only work at READ COMMITTED only), every statement also carries its
 * COMMIT in the same batch, and a later statement of the same work is sent with the setup again:
 * each statement is a transaction of its own, one round trip in all. At READ COMMITTED every
 * statement reads its own snapshot anyway, so the work sees what it would have seen in one
 * transaction; work that needs one snapshot, a cursor or a lock held across statements must
 * not use it.
 */
export function deferredBegin(setup: string[], options: { commitEach?: boolean } = {}): string {
  return `${deferMarker}${JSON.stringify({ setup, commitEach: options.commitEach === true })}`;
}

interface Deferred { setup: string[]; commitEach: boolean }

/** How many statements one connection prepares; later ones run unprepared (the connection is recycled when idle). */
const maxPerConnection = 200;

type Callback = (error: Error | null, result?: unknown) => void;
interface Connection {
  parsedStatements: Record<string, string>;
  parse(query: { text: string; name: string; types?: unknown }): void;
  bind(config: { portal: string; statement: string; values: unknown[]; binary?: boolean }): void;
  describe(msg: { type: 'P' | 'S'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  close(msg: { type: 'P' | 'S'; name: string }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}
/** The part of pg's Query class (a public export of `pg`, untyped) that PipelinedQuery builds on. */
interface BaseQuery {
  text: string; values: unknown[]; types: unknown; binary: boolean; name: string | undefined;
  handleCommandComplete(msg: unknown, connection: Connection): void;
  handleDataRow(msg: unknown): void;
  handleRowDescription(msg: unknown): void;
  handleError(error: Error, connection: Connection): void;
  handleReadyForQuery(connection: Connection): void;
}
const pgModule = pg as unknown as {
  Query: new (config: { text: string; values: unknown[]; callback: Callback }) => BaseQuery;
  utils: { prepareValue: (value: unknown) => unknown };
};

/**
 * A statement sent with the setup of its transaction in front of it (BEGIN, role, tenant; or
 * no setup) and, for a transaction of one statement, its COMMIT behind it, all in one write and
 * answered by one ReadyForQuery. The setup's and the COMMIT's answers are consumed here; the
 * statement's answer is the query's result. A named statement is parsed in
 * the same batch the first time; if the batch fails, whether the server kept it is unknown, so
 * the next use closes the name before parsing it again (closing an unknown name is not an
 * error).
 */
class PipelinedQuery extends pgModule.Query {
  #setupAnswers: number;
  readonly #setup: string[];
  readonly #commit: boolean;
  #answered = false;
  readonly #statement: string;
  readonly #owner: PreparingClient;

  constructor(owner: PreparingClient, setup: string[], commit: boolean, text: string, values: unknown[], name: string | undefined, callback: Callback) {
    super({ text, values, callback });
    // Not `name`: pg would record the statement as parsed on the setup's ParseComplete.
    this.name = undefined;
    this.#setup = setup;
    this.#setupAnswers = setup.length;
    this.#commit = commit;
    this.#statement = name ?? '';
    this.#owner = owner;
  }

  submit(connection: Connection): Error | null {
    // Values are mapped before anything is written: a value pg cannot serialize must fail the
    // query through pg's ordinary error path, not leave half a batch without its Sync.
    let values: unknown[];
    try {
      values = this.values.map((value) => pgModule.utils.prepareValue(value));
    } catch (error) {
      return error as Error;
    }
    connection.stream.cork?.();
    try {
      for (const text of this.#setup) {
        connection.parse({ text, name: '' });
        connection.bind({ portal: '', statement: '', values: [] });
        connection.execute({ portal: '', rows: 0 });
      }
      const name = this.#statement;
      const unsure = name !== '' && this.#owner.unsure.has(name);
      if (unsure) connection.close({ type: 'S', name });
      if (!name || unsure || connection.parsedStatements[name] === undefined) connection.parse({ text: this.text, name, types: this.types });
      connection.bind({ portal: '', statement: name, values, binary: this.binary });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '', rows: 0 });
      if (this.#commit) {
        connection.parse({ text: 'COMMIT', name: '' });
        connection.bind({ portal: '', statement: '', values: [] });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  override handleCommandComplete(msg: unknown, connection: Connection): void {
    if (this.#setupAnswers > 0) {
      this.#setupAnswers--;
      return;
    }
    // The COMMIT behind the statement answers last.
    if (this.#answered) return;
    this.#answered = true;
    super.handleCommandComplete(msg, connection);
  }

  override handleDataRow(msg: unknown): void {
    if (this.#setupAnswers === 0 && !this.#answered) super.handleDataRow(msg);
  }

  override handleRowDescription(msg: unknown): void {
    if (this.#setupAnswers === 0 && !this.#answered) super.handleRowDescription(msg);
  }

  override handleError(error: Error, connection: Connection): void {
    // Whether the server kept the statement is unknown (a Parse that succeeded stays even when
    // its Bind or Execute fails): the next use closes the name and parses it again.
    if (this.#statement) {
      this.#owner.unsure.add(this.#statement);
      delete connection.parsedStatements[this.#statement];
    }
    super.handleError(error, connection);
  }

  override handleReadyForQuery(connection: Connection): void {
    if (this.#statement) {
      connection.parsedStatements[this.#statement] = this.text;
      this.#owner.unsure.delete(this.#statement);
    }
    super.handleReadyForQuery(connection);
  }
}

const noResult = (command: string) => ({ command, rowCount: null, rows: [], fields: [] });

/**
 * A `pg` client that prepares the statements marked with `prepared`, under a name derived from
 * their text (so the same text always has the same name, as `pg` requires), and opens a
 * transaction begun with `deferredBegin` together with its first statement (and, with
 * `commitEach`, closes it with it too). Statements a tenant's literal id makes distinct are
 * prepared per tenant; the cap bounds the server memory a connection's plans can take.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();
  /** Named statements whose batch failed: maybe parsed on the server, maybe not. */
  readonly unsure = new Set<string>();
  /** A transaction begun here and not yet opened on the server. */
  #pending: Deferred | undefined;
  /** The last statement committed itself (`commitEach`): the next one opens a transaction again. */
  #reopen: Deferred | undefined;

  /** Forgets a deferred BEGIN that no statement followed (the pool calls this on release). */
  clearPending(): void {
    this.#pending = undefined;
    this.#reopen = undefined;
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const base = pg.Client.prototype.query as (...a: unknown[]) => never;
    if (typeof text !== 'string' || !Array.isArray(values) || args.length !== 2) {
      if (this.#pending || this.#reopen) throw new Error('A deferred transaction can only be followed by a statement with parameters');
      return base.apply(this, args);
    }
    if (text.startsWith(deferMarker)) {
      this.#pending = JSON.parse(text.slice(deferMarker.length)) as Deferred;
      this.#reopen = undefined;
      return Promise.resolve(noResult('BEGIN')) as never;
    }
    const pending = this.#pending ?? this.#reopen;
    this.#pending = undefined;
    this.#reopen = undefined;
    if (pending && (text === 'COMMIT' || text === 'ROLLBACK')) return Promise.resolve(noResult(text)) as never;
    const name = text.startsWith(marker) ? this.#nameOf(text) : undefined;
    // Every named statement goes through PipelinedQuery (with or without a setup in front), so
    // one place keeps track of what the server has parsed.
    if (pending || name !== undefined) {
      const commit = pending?.commitEach === true;
      return new Promise((resolve, reject) => {
        // A failed batch stopped before its COMMIT: the transaction stays open (and failed), so
        // nothing is reopened and the caller's ROLLBACK reaches the server.
        const query = new PipelinedQuery(this, pending?.setup ?? [], commit, text, values, name, (error, result) => {
          if (error) return reject(error);
          if (commit) this.#reopen = pending;
          resolve(result);
        });
        base.call(this, query);
      }) as never;
    }
    return base.apply(this, args);
  }

  #nameOf(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < maxPerConnection) {
      name = `shoal_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      this.#names.set(text, name);
    }
    return name;
  }
}
