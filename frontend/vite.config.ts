import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API (`make run` or `dvcq serve`) listens here; the dev server forwards /api to it.
const API_TARGET = process.env.DVCQ_API_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    // The budget script reads the manifest to follow what the login route loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
