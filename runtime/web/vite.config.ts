import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The end-user app, served by the runtime at /app (see runtime/server/web-apps.ts). */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config runtime/web/vite.config.ts` against a server started with `npm start`.
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
