// How long the provincial dashboard takes to become usable in headless Chromium: from the
// start of a full page load of /dashboard (session restored from the refresh cookie, chunks,
// both API calls) to the app's `dvcq:dashboard-ready` mark, when cards and charts are drawn.
//
//   npm run bench:dashboard                       # own API on a freshly seeded database
//   npm run bench:dashboard -- --base-url http://127.0.0.1:8000 --runs 10
//
// Prints every run and the median; exits 1 when the median is over the 1.5 s budget.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const BUDGET_MS = 1500;
const READY_MARK = 'dvcq:dashboard-ready';
const browserConfig = JSON.parse(
  readFileSync(new URL('../e2e/chromium.json', import.meta.url), 'utf8'),
);

const { values: options } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    runs: { type: 'string', default: '7' },
    username: { type: 'string', default: 'sonv' },
    password: { type: 'string', default: 'Demo@2026' },
    port: { type: 'string', default: '8125' },
  },
});

async function waitUntilReady(url, seconds) {
  for (let i = 0; i < seconds * 4; i += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API at ${url} did not become ready`);
}

async function startApi(port) {
  const python = process.env.DVCQ_PYTHON ?? '.venv/bin/python';
  const server = spawn(python, ['frontend/e2e/server.py', '--port', port], {
    cwd: new URL('../..', import.meta.url),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, 180);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        server.once('exit', resolve);
        server.kill('SIGTERM');
      }),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const api = options['base-url']
  ? { url: options['base-url'], stop: async () => {} }
  : await startApi(options.port);
const browser = await chromium.launch({
  executablePath: process.env.DVCQ_CHROMIUM ?? browserConfig.executablePath,
  args: browserConfig.args,
});
try {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  await page.goto(`${api.url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(options.username);
  await page.getByLabel('Mật khẩu').fill(options.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/dashboard/);

  const timings = [];
  // Run 0 warms the server's caches and the browser's; the figure is the median of the rest.
  for (let run = 0; run <= Number(options.runs); run += 1) {
    await page.goto(`${api.url}/dashboard`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark)[0]?.startTime,
      READY_MARK,
      { timeout: 30_000 },
    );
    const ms = await handle.jsonValue();
    console.log(`run ${run}${run === 0 ? ' (warm-up)' : ''}: ${ms.toFixed(0)} ms`);
    if (run > 0) timings.push(ms);
  }
  const figure = median(timings);
  console.log(
    `Dashboard ready (navigation start → cards and charts drawn): median ${figure.toFixed(0)} ms, ` +
      `max ${Math.max(...timings).toFixed(0)} ms over ${timings.length} loads; budget ${BUDGET_MS} ms`,
  );
  process.exitCode = figure <= BUDGET_MS ? 0 : 1;
} finally {
  await browser.close();
  await api.stop();
}
