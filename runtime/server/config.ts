import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';

/** Process configuration: the variables api.md lists, and the operational ones in the README's table. */
export interface ServerConfig {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  demo: boolean;
  /** Log one line per request (off in tests). */
  logRequests: boolean;
  /** Run background jobs and schedules in this process (SHOAL_JOBS=0 turns them off). */
  jobs: boolean;
  /** Seconds between scheduler ticks (SHOAL_TICK_SECONDS). */
  tickSeconds: number;
  /** Run hot statements as named prepared statements on PostgreSQL (SHOAL_PG_PREPARE=0 turns it off, for poolers that cannot carry them). */
  preparedStatements?: boolean;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client (SHOAL_TRUSTED_PROXIES, addresses
   * and CIDR ranges); none by default, when the header is ignored.
   */
  trustedProxies?: TrustedProxies;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    databaseUrl,
    dataDir: env.SHOAL_DATA_DIR || './.data',
    adminToken: env.SHOAL_ADMIN_TOKEN || undefined,
    demo: env.SHOAL_DEMO !== undefined ? env.SHOAL_DEMO === '1' : databaseUrl === undefined,
    logRequests: env.SHOAL_LOG_REQUESTS === '1',
    jobs: env.SHOAL_JOBS !== '0',
    tickSeconds: Math.max(1, Number(env.SHOAL_TICK_SECONDS ?? 30) || 30),
    preparedStatements: env.SHOAL_PG_PREPARE !== '0',
    trustedProxies: parseTrustedProxies(env.SHOAL_TRUSTED_PROXIES ?? ''),
  };
}
