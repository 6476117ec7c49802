// The login route's initial JavaScript, gzip-compressed, against its budget: the entry chunk,
// the login page's chunk, and every chunk they import statically (read from Vite's manifest).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const DIST = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', DIST), 'utf8'));

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return seen;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const login = Object.keys(manifest).find((key) => key.endsWith('pages/login/LoginPage.tsx'));
if (!entry || !login) {
  console.error('check:budget: the manifest has no entry or no login page chunk');
  process.exit(1);
}

const files = [...closure([entry, login])]
  .map((key) => manifest[key].file)
  .filter((f) => f.endsWith('.js'));
const sizes = files.map((file) => ({
  file,
  gzip: gzipSync(readFileSync(new URL(file, DIST))).length,
}));
const totalKb = sizes.reduce((sum, { gzip }) => sum + gzip, 0) / 1024;

for (const { file, gzip } of sizes.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`  ${(gzip / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const verdict = totalKb <= BUDGET_KB ? 'within' : 'OVER';
console.log(
  `Login route initial JavaScript: ${totalKb.toFixed(1)} KB gzip (${verdict} the ${BUDGET_KB} KB budget)`,
);
process.exit(totalKb <= BUDGET_KB ? 0 : 1);
