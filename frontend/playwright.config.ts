import { defineConfig, devices } from '@playwright/test';
import chromium from './e2e/chromium.json' with { type: 'json' };

// Browser tests drive the built SPA (frontend/dist) served by the real API on a fresh database.
const PORT = Number(process.env.DVCQ_E2E_PORT ?? 8123);
const CHROMIUM = process.env.DVCQ_CHROMIUM ?? chromium.executablePath;
const PYTHON = process.env.DVCQ_PYTHON ?? '.venv/bin/python';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 768 },
        launchOptions: { executablePath: CHROMIUM, args: chromium.args },
      },
    },
  ],
  webServer: {
    command: `${PYTHON} frontend/e2e/server.py --port ${PORT}`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/readyz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
