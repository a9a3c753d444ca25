// `npm run bench`: speed and size figures for the README, measured in one run on this machine.
// Ratios matter more than absolute times: each figure and its baseline are measured interleaved, so load
// on the machine hits both. Round trips are (time at 300 ms latency - time at 0 ms) / 300, per scenario.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli.js');
const quick = process.argv.includes('--quick');
const N = quick ? 5 : 15;
const STARTUP_RUNS = quick ? 11 : 41;
const LATENCY = 300;
/** Pinned: the newest wrangler 4 checked to run on Node 20. */
const WRANGLER = 'wrangler@4.80.0';

const { startStandIn, sampleWorld, fakeHex32, fakeTokenValue } = await import(join(root, 'dist-dev/stand-in-lib.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeOnce(file, args, options = {}) {
  const start = performance.now();
  let code = 0;
  await run(file, args, options).catch((e) => {
    code = typeof e.code === 'number' ? e.code : -1;
  });
  return { ms: performance.now() - start, code };
}

/** The sample world, plus user tokens with every permission on 500 and 5,000 accounts (Acme Corp first). */
function benchWorld() {
  const samples = sampleWorld();
  const { world, tokens, account } = samples;
  const extra = (n) => Array.from({ length: n - 1 }, (_, i) => ({ id: fakeHex32(`bench-account:${i}`), name: `Bench ${i}` }));
  const many = extra(5000);
  world.accounts.push(...many);
  const wide = (n) => ({
    ...tokens.complete,
    value: fakeTokenValue(`bench:${n}`, 'cfut'),
    id: fakeHex32(`bench-token:${n}`),
    accounts: [account.id, ...many.slice(0, n - 1).map((a) => a.id)],
  });
  const reach500 = wide(500);
  const reach5000 = wide(5000);
  world.tokens.push(reach500, reach5000);
  return { samples, reach500, reach5000 };
}

function project(files) {
  const cwd = mkdtempSync(join(tmpdir(), 'mastrakit-bench-'));
  writeFileSync(join(cwd, 'mastrakit.config.json'), JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'nested' }));
  for (const [name, text] of Object.entries(files ?? {})) writeFileSync(join(cwd, name), text);
  return cwd;
}

async function doctorScenarios(standIn, w) {
  const { samples } = w;
  const acme = samples.account.id;
  const wranglerToml = `name = "acme-auth"\naccount_id = "${acme}"\nworkers_dev = false\n`;
  const scenarios = [
    { name: 'user token, account id known (nested, all rows)', token: samples.tokens.complete.value, accountId: acme, main: true },
    { name: 'user token, no account id', token: samples.tokens.complete.value, accountId: null },
    { name: 'account-owned token, account id known', token: samples.tokens.accountOwned.value, accountId: acme },
    { name: 'account-owned token, no account id', token: samples.tokens.accountOwned.value, accountId: null },
    { name: 'user token reaching 500 accounts, account id known', token: w.reach500.value, accountId: acme },
    { name: 'user token reaching 5,000 accounts, account id known', token: w.reach5000.value, accountId: acme },
    { name: 'user token reaching 500 accounts, no account id (exit 2: choose one)', token: w.reach500.value, accountId: null },
    // A row that reads as missing is asked once more (transient refusals): one extra round, only then.
    { name: 'a token missing DNS: Edit (the missing row asked again: expected 3)', token: samples.tokens.missingDnsEdit.value, accountId: acme, extraRound: true },
    { name: 'with a wrangler.toml in the project', token: samples.tokens.complete.value, accountId: acme, files: { 'wrangler.toml': wranglerToml } },
  ];
  const results = [];
  for (const scenario of scenarios) {
    const cwd = project(scenario.files);
    const rssFile = join(cwd, '.rss');
    const env = {
      PATH: process.env.PATH,
      HOME: cwd,
      CLOUDFLARE_API_BASE_URL: standIn.baseUrl,
      CLOUDFLARE_API_TOKEN: scenario.token,
      ...(scenario.accountId && { CF_ACCOUNT_ID: scenario.accountId }),
      MASTRAKIT_BENCH_RSS_FILE: rssFile,
    };
    const args = ['--import', join(root, 'tools/bench/max-rss.mjs'), bin, 'doctor', '--cwd', cwd];
    const times = { 0: [], [LATENCY]: [] };
    const bare = [];
    const rss = [];
    let code;
    const rounds = scenario.main ? Math.max(5, N) : Math.max(3, Math.ceil(N / 3));
    for (let i = 0; i < rounds; i++) {
      for (const latency of [0, LATENCY]) {
        standIn.setLatency(latency);
        const t = await timeOnce(process.execPath, args, { env });
        times[latency].push(t.ms);
        code = t.code;
        if (latency === 0) rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
      }
      if (scenario.main) bare.push((await timeOnce(process.execPath, ['-e', '0'])).ms);
    }
    standIn.setLatency(0);
    const before = standIn.connections();
    const requestsBefore = standIn.requests.length;
    await timeOnce(process.execPath, args, { env });
    const connections = standIn.connections() - before;
    const requests = standIn.requests.length - requestsBefore;
    rmSync(cwd, { recursive: true, force: true });
    const t0 = median(times[0]);
    results.push({
      ...scenario,
      code,
      t0,
      roundTrips: (median(times[LATENCY]) - t0) / LATENCY,
      connections,
      requests,
      peakMiB: Math.max(...rss),
      ...(scenario.main && { bare: median(bare) }),
    });
  }
  return results;
}

async function startupFigures() {
  const samples = { bare: [], version: [], help: [] };
  for (let i = 0; i < STARTUP_RUNS; i++) {
    samples.bare.push((await timeOnce(process.execPath, ['-e', '0'])).ms);
    samples.version.push((await timeOnce(process.execPath, [bin, '--version'])).ms);
    samples.help.push((await timeOnce(process.execPath, [bin, '--help'])).ms);
  }
  return { bare: median(samples.bare), version: median(samples.version), help: median(samples.help) };
}

/** wrangler, installed once into a cache folder; null (and why) when it cannot be installed here. */
async function wranglerBin() {
  const dir = join(tmpdir(), 'mastrakit-bench-wrangler');
  const binPath = join(dir, 'node_modules/wrangler/bin/wrangler.js');
  if (existsSync(binPath)) return { binPath };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"bench-wrangler","private":true}');
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', WRANGLER], { cwd: dir, timeout: 300_000 });
    return { binPath };
  } catch (error) {
    return { why: `${WRANGLER} could not be installed (${String(error.message).split('\n')[0]})` };
  }
}

async function peerFigures(standIn, token) {
  const found = await wranglerBin();
  if (!found.binPath) return found;
  const home = mkdtempSync(join(tmpdir(), 'mastrakit-bench-home-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    CLOUDFLARE_API_BASE_URL: standIn.baseUrl,
    CLOUDFLARE_API_TOKEN: token,
    WRANGLER_SEND_METRICS: 'false',
    CI: 'true',
  };
  const bare = [];
  const whoami = [];
  let code;
  for (let i = 0; i < Math.max(3, Math.ceil(N / 3)); i++) {
    bare.push((await timeOnce(process.execPath, ['-e', '0'])).ms);
    const t = await timeOnce(process.execPath, [found.binPath, 'whoami'], { env, cwd: home });
    whoami.push(t.ms);
    code = t.code;
  }
  rmSync(home, { recursive: true, force: true });
  return { whoami: median(whoami), bare: median(bare), code };
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
  mkdirSync(app);
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

const mark = (ok) => (ok ? '✔' : '✖ target missed');
const world = benchWorld();
const standIn = await startStandIn({ world: world.samples.world });
try {
  const scenarios = await doctorScenarios(standIn, world);
  const s = await startupFigures();
  const peer = await peerFigures(standIn, world.samples.tokens.complete.value);
  const f = await footprint();
  const main = scenarios.find((x) => x.main);
  const ratio = main.t0 / main.bare;
  const rows = [
    ['doctor, 0 ms latency (median)', `${main.t0.toFixed(0)} ms = ${ratio.toFixed(2)}x bare node ${mark(ratio <= 2.0)} (target ≤ 2.0x)`],
    ['doctor peak memory (max RSS)', `${main.peakMiB.toFixed(1)} MiB ${mark(main.peakMiB < 56)} (target < 56)`],
    ...scenarios.map((x) => {
      const target = x.name.includes('no account id (exit 2') || x.extraRound ? '' : ` ${mark(x.roundTrips <= 2.1)} (target ≤ 2.1)`;
      return [`round trips at ${LATENCY} ms: ${x.name}`, `${x.roundTrips.toFixed(2)}${target}; exit ${x.code}, ${x.t0.toFixed(0)} ms at 0 ms; ${x.requests} requests on ${x.connections} connections`];
    }),
    ['node -e 0 (median)', `${s.bare.toFixed(0)} ms`],
    ['mastrakit --version', `${s.version.toFixed(0)} ms = ${(s.version / s.bare).toFixed(2)}x bare node ${mark(s.version / s.bare <= 1.3)} (target ≤ 1.3x)`],
    ['mastrakit --help', `${s.help.toFixed(0)} ms = ${(s.help / s.bare).toFixed(2)}x bare node ${mark(s.help / s.bare <= 1.3)} (target ≤ 1.3x)`],
    peer.why
      ? ['peer: wrangler whoami', `skipped: ${peer.why}`]
      : ['peer: `wrangler whoami` (4.80.0), same stand-in, 0 ms', `${peer.whoami.toFixed(0)} ms = ${(peer.whoami / peer.bare).toFixed(1)}x bare node (exit ${peer.code}; names no permission)`],
    ['package tarball', `${f.tarballKiB.toFixed(1)} KiB, ${f.files} files`],
    ['installed footprint (fresh install of the tarball)', `${f.installedMiB.toFixed(2)} MiB in ${f.packages} packages (target < 5 MB)`],
  ];
  console.log(`| measure | figure |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
} finally {
  await standIn.close();
}
