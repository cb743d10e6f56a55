// Several stateless Shoal processes on one port (node:cluster), for the scale-out measurement.
// The first worker migrates and starts before the others, so they never race on migrations.
// SHOAL_WORKERS=n; everything else as for `npm start`.
import cluster from 'node:cluster';

const workers = Math.max(1, Number(process.env.SHOAL_WORKERS ?? 2));
if (cluster.isPrimary) {
  const forkOne = () => new Promise<void>((resolve, reject) => {
    const worker = cluster.fork();
    worker.once('listening', () => resolve());
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  await forkOne();
  for (let i = 1; i < workers; i++) await forkOne();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 2000).unref();
      cluster.on('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
    });
  }
} else {
  await import('../../runtime/server/main.ts');
}
