// Run by postinstall: makes the migrated template of the embedded database that a first
// `npm start` copies into its data directory (platform/storage/embedded-template.ts). It is an
// optimisation only: if it cannot be made, the install goes on and a first start runs initdb.
import { prepareEmbeddedTemplate } from '../platform/storage/embedded-template.ts';

const started = performance.now();
try {
  const { path, created } = await prepareEmbeddedTemplate();
  console.log(`${created ? 'prepared' : 'kept'} the embedded database template ${path.replace(process.cwd() + '/', '')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.warn(`could not prepare the embedded database template (a first start will create its database instead): ${(error as Error).message}`);
}
