import { configFromEnvironment, type ServerConfig } from './config.ts';
import { startServer } from './server.ts';

/** `npm start`: migrate, start, print where to go. */
const started = performance.now();
let config: ServerConfig;
try {
  config = configFromEnvironment();
} catch (error) {
  // A setting the server cannot use (a malformed PORT or SHOAL_TRUSTED_PROXIES) is said as it is, not as a stack trace.
  console.error(`Shoal cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const server = await startServer(config);

const lines = [
  '',
  `Shoal is running (${config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  `  App      ${server.url}/app`,
  `  Studio   ${server.url}/studio`,
  `  Health   ${server.url}/healthz`,
  `  Operator API reference ${server.url}/api/docs`,
];
for (const demo of server.demoTenants) {
  lines.push('', `  Demo tenant "${demo.slug}"${demo.created ? ' (created now, with sample data)' : ''}: ${server.url}/app/${demo.slug}  ·  studio ${server.url}/studio/${demo.slug}`);
  for (const login of demo.logins) lines.push(`    ${login.roles.join(',').padEnd(10)} ${login.email.padEnd(28)} password: ${login.password}`);
}
if (server.generatedAdminToken) {
  lines.push('', `  Platform operator token (shown once, store it; set SHOAL_ADMIN_TOKEN to choose your own):`, `    ${server.generatedAdminToken}`);
}
console.log(lines.join('\n'));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
}
