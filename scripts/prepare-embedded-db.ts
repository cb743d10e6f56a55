// Run by postinstall: makes the migrated template of the embedded database that a first
// `npm start` copies into its data directory (platform/storage/embedded-template.ts).
import { prepareEmbeddedTemplate } from '../platform/storage/embedded-template.ts';

const started = performance.now();
const { path, created } = await prepareEmbeddedTemplate();
console.log(`${created ? 'prepared' : 'kept'} the embedded database template ${path.replace(process.cwd() + '/', '')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
