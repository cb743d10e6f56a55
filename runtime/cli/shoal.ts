import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openStorage } from '../../platform/storage/open-storage.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { exportTenant, importTenant, TenantTransferError } from '../../platform/tenants/tenant-export.ts';
import { configFromEnvironment } from '../server/config.ts';

const usage = `Usage:
  shoal export <tenant> [--out <file>] [--with-password-hashes] [--with-secrets]
      Writes the tenant (metadata versions and draft, records including deleted ones, history,
      users, roles, API keys, work orders, notifications, pool state, jobs, webhooks …) as NDJSON
      to <file> or standard output. Password hashes, API key hashes and webhook secrets are left
      out unless asked for.
  shoal import <file|-> [--as <new-slug>]
      Loads an export into this database in one transaction (all or nothing). --as imports a copy
      under a new slug and tenant id.

The database is the server's: DATABASE_URL, else the embedded database in SHOAL_DATA_DIR
(stop the server first when it is the embedded one: only one process can open it).
`;

/** `npm run shoal -- export hotel --out hotel.ndjson` and `npm run shoal -- import hotel.ndjson`. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        as: { type: 'string' },
        'with-password-hashes': { type: 'boolean' },
        'with-secrets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, target, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (!command || !target || rest.length > 0 || (command !== 'export' && command !== 'import')
    || (command === 'export' && values.as !== undefined)
    || (command === 'import' && (values.out !== undefined || values['with-password-hashes'] || values['with-secrets']))) {
    process.stderr.write(usage);
    return 2;
  }

  const config = configFromEnvironment(env);
  let storage: Storage | undefined;
  try {
    storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    if (command === 'export') {
      const started = performance.now();
      const summary = await exportTo(storage, target, values.out, {
        passwordHashes: values['with-password-hashes'] === true, secrets: values['with-secrets'] === true,
      });
      const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      process.stderr.write(`Exported tenant "${summary.slug}" (${summary.tenantId}): ${rows} rows (${describeCounts(summary.counts)}) in ${((performance.now() - started) / 1000).toFixed(1)} s${values.out ? ` to ${values.out}` : ''}\n`);
    } else {
      const started = performance.now();
      const input = target === '-' ? process.stdin : createReadStream(target, { encoding: 'utf8' });
      const lines = createInterface({ input, crlfDelay: Infinity });
      const summary = await importTenant(storage, lines, values.as ? { as: values.as } : {});
      const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      process.stderr.write(`Imported tenant "${summary.slug}" (${summary.tenantId}): ${rows} rows (${describeCounts(summary.counts)}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    return 0;
  } catch (error) {
    const message = error instanceof TenantTransferError ? error.message : (error as Error).stack ?? String(error);
    process.stderr.write(`shoal ${command}: ${message}\n`);
    return 1;
  } finally {
    await storage?.close();
  }
}

/** Writes to a temporary file renamed into place at the end, so a failed export leaves no half file. */
async function exportTo(storage: Storage, slug: string, out: string | undefined, options: { passwordHashes: boolean; secrets: boolean }) {
  const partial = out ? `${out}.partial` : undefined;
  const stream: Writable = partial ? createWriteStream(partial) : process.stdout;
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  try {
    const summary = await exportTenant(storage, slug, write, options);
    if (partial && out) {
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      renameSync(partial, out);
    }
    return summary;
  } catch (error) {
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    throw error;
  }
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
