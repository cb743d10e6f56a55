import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

/** The studio SPA: served by the runtime at /studio (see runtime/server/web-apps.ts). */
export default defineConfig({
  root,
  base: '/studio/',
  plugins: [react()],
  server: { fs: { allow: [repo] }, proxy: { '/api': 'http://localhost:3000' } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco's own chunk is large; it loads only when the code view opens.
    chunkSizeWarningLimit: 4000,
  },
});
