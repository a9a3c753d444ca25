// `npm run bench`: speed and size figures for the README, measured in one run on this machine.
// Ratios matter more than absolute times: the two are measured interleaved, so load on the machine hits both.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli.js');
const quick = process.argv.includes('--quick');
const N = quick ? 5 : 15;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeOnce(args, options = {}) {
  const start = performance.now();
  await run(process.execPath, args, options).catch((e) => {
    if (options.allowFail) return;
    throw e;
  });
  return performance.now() - start;
}

async function startStandIn() {
  const child = spawn(process.execPath, [join(root, 'dist-dev/stand-in.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  await new Promise((done, fail) => {
    child.stdout.on('data', (c) => {
      text += c;
      if (text.includes('Requests (Ctrl-C to stop)')) done();
    });
    child.on('exit', () => fail(new Error(`stand-in exited:\n${text}`)));
  });
  const baseUrl = /CLOUDFLARE_API_BASE_URL=(\S+)/.exec(text)[1];
  const accountId = /CF_ACCOUNT_ID=([0-9a-f]{32})/.exec(text)[1];
  const complete = /complete:.*\n\s+(\S+)/.exec(text)[1];
  const missingDns = /missingDnsEdit:.*\n\s+(\S+)/.exec(text)[1];
  const admin = baseUrl.replace('/client/v4', '/__stand-in');
  child.stdout.resume();
  return { child, baseUrl, accountId, complete, missingDns, admin };
}

async function doctorFigures(standIn, token = standIn.complete, runs = Math.max(3, Math.ceil(N / 3))) {
  const cwd = mkdtempSync(join(tmpdir(), 'mastrakit-bench-'));
  writeFileSync(join(cwd, 'mastrakit.config.json'), JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'nested' }));
  const rssFile = join(cwd, 'rss');
  const env = {
    PATH: process.env.PATH,
    CLOUDFLARE_API_BASE_URL: standIn.baseUrl,
    CLOUDFLARE_API_TOKEN: token,
    CF_ACCOUNT_ID: standIn.accountId,
    MASTRAKIT_BENCH_RSS_FILE: rssFile,
  };
  const args = ['--import', join(root, 'test/bench/max-rss.mjs'), bin, 'doctor', '--cwd', cwd];
  const setLatency = (ms) => fetch(`${standIn.admin}/latency?ms=${ms}`, { method: 'POST' });
  const times = { 0: [], 200: [] };
  const rss = [];
  for (let i = 0; i < runs; i++) {
    for (const latency of [0, 200]) {
      await setLatency(latency);
      times[latency].push(await timeOnce(args, { env, allowFail: token !== standIn.complete }));
      if (latency === 0) rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
    }
  }
  await setLatency(0);
  rmSync(cwd, { recursive: true, force: true });
  const t0 = median(times[0]);
  const t200 = median(times[200]);
  return { t0, t200, rounds: (t200 - t0) / 200, peakMiB: Math.max(...rss) };
}

async function startupFigures() {
  const samples = { bare: [], version: [], help: [] };
  for (let i = 0; i < N; i++) {
    samples.bare.push(await timeOnce(['-e', '0']));
    samples.version.push(await timeOnce([bin, '--version']));
    samples.help.push(await timeOnce([bin, '--help']));
  }
  const bare = median(samples.bare);
  return { bare, version: median(samples.version), help: median(samples.help) };
}

function dirSize(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) bytes += dirSize(p);
    else if (entry.isFile()) bytes += statSync(p).size;
  }
  return bytes;
}

function countPackages(nodeModules) {
  let count = 0;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) count += readdirSync(join(nodeModules, entry.name)).length;
    else count += 1;
  }
  return count;
}

async function footprint() {
  const work = mkdtempSync(join(tmpdir(), 'mastrakit-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
  const [info] = JSON.parse(stdout);
  const tarball = join(work, info.filename);
  const app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), '{"name":"bench-app","private":true}');
  const install = ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', tarball];
  // From the cache when it holds everything (a machine that ran `npm install`), else from the registry.
  await run('npm', ['--offline', ...install], { cwd: app }).catch(() => run('npm', install, { cwd: app }));
  const nm = join(app, 'node_modules');
  const result = {
    tarballKiB: statSync(tarball).size / 1024,
    files: info.files.length,
    installedMiB: dirSize(nm) / 1024 / 1024,
    packages: countPackages(nm),
  };
  rmSync(work, { recursive: true, force: true });
  return result;
}

const standIn = await startStandIn();
try {
  const d = await doctorFigures(standIn);
  // A row that reads as missing is asked once more (transient refusals): one extra round, only then.
  const m = await doctorFigures(standIn, standIn.missingDns, 3);
  const s = await startupFigures();
  const f = await footprint();
  const rows = [
    ['doctor, 0 ms latency (median)', `${d.t0.toFixed(0)} ms`],
    ['doctor, 200 ms latency (median)', `${d.t200.toFixed(0)} ms`],
    ['effective sequential round trips', `${d.rounds.toFixed(2)} (target 2)`],
    ['round trips with a missing row (asked again once)', `${m.rounds.toFixed(2)} (expected 3; only when something failed)`],
    ['doctor peak memory (max RSS)', `${d.peakMiB.toFixed(1)} MiB (target < 80)`],
    ['node -e 0 (median)', `${s.bare.toFixed(0)} ms`],
    ['mastrakit --version', `${s.version.toFixed(0)} ms = ${(s.version / s.bare).toFixed(2)}x bare node (target ≤ 1.3x)`],
    ['mastrakit --help', `${s.help.toFixed(0)} ms = ${(s.help / s.bare).toFixed(2)}x bare node (target ≤ 1.3x)`],
    ['package tarball', `${f.tarballKiB.toFixed(1)} KiB, ${f.files} files`],
    ['installed footprint (fresh install of the tarball)', `${f.installedMiB.toFixed(2)} MiB in ${f.packages} packages (target < 5 MB)`],
  ];
  console.log(`| measure | figure |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
} finally {
  standIn.child.kill('SIGINT');
}
