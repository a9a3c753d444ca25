import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { project, runBin } from '../../support/bin.js';

// The package as a user gets it: `npm pack`, installed into an empty folder, its bin run from there.

const ROOT = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; link?: boolean }>;
};

interface Packed {
  filename: string;
  integrity: string;
  files: { path: string }[];
}

function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(cmd, args, { cwd, timeout: 60_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? fail(new Error(`${cmd} ${args.join(' ')} failed:\n${stderr}`)) : done(stdout),
    );
  });
}

/**
 * An app whose lock file pins the tarball and the runtime dependencies exactly as this project's lock
 * does, so `npm ci --offline` needs only what a plain `npm ci` of this project put in the cache
 * (`npm install --offline <tgz>` resolves ranges and wants registry documents `npm ci` did not
 * store: ENOTCACHED on a clean CI machine).
 */
function writeApp(dir: string, packed: Packed): void {
  const spec = `file:../${packed.filename}`;
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      integrity: packed.integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== '' && !entry.dev && !entry.devOptional && !entry.link) packages[path] = entry;
  }
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { [pkg.name]: spec } }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }));
}

function dirBytes(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + dirBytes(join(path, name)), 0);
}

const work = mkdtempSync(join(tmpdir(), 'mastrakit-package-'));
const app = join(work, 'app');
const installedBin = join(app, 'node_modules', '.bin', 'mastrakit');
let packed: Packed;
let standIn: StandIn;
const sample = sampleWorld();

beforeAll(async () => {
  const [first] = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', work, ROOT], work)) as Packed[];
  packed = first as Packed;
  writeApp(app, packed);
  const flags = ['--offline', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'];
  // npm ci fetches package documents only for lock entries without `resolved`, so which of the two a
  // cache can serve offline depends on how it was filled: try the exact lock first, then a plain install.
  await run('npm', ['ci', ...flags], app).catch(async () => {
    rmSync(join(app, 'package-lock.json'));
    await run('npm', ['install', ...flags, `../${packed.filename}`], app);
  });
  standIn = await startStandIn({ world: sample.world });
}, 120_000);
afterAll(async () => {
  await standIn?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds only what runs: the bin and its chunks, README, LICENSE, package.json', () => {
    const paths = packed.files.map((f) => f.path).sort();
    const extra = paths.filter((p) => !/^dist\/[\w-]+\.js$/.test(p) && !['README.md', 'LICENSE', 'package.json', 'dist/index.d.ts'].includes(p));
    expect(extra).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts']));
    // The stand-in and the demo are development tools, built into dist-dev/; no maps, sources or tests.
    expect(paths.filter((p) => /stand-in|demo|\.map$|(?<!\.d)\.ts$|test/.test(p))).toEqual([]);
  });

  it('the license is MIT in both places', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(app, 'node_modules', pkg.name, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 mastrakit contributors\n/);
  });
});

describe('the installed package', () => {
  it('weighs under 5 MB with its production dependencies', () => {
    expect(dirBytes(join(app, 'node_modules')) / 1_000_000).toBeLessThan(5);
  });

  it('--version prints the version', async () => {
    const result = await runBin(['--version'], { cwd: app, bin: installedBin });
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help names both commands', async () => {
    const result = await runBin(['--help'], { cwd: app, bin: installedBin });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mastrakit setup');
    expect(result.stdout).toContain('mastrakit doctor');
    expect(result.stderr).toBe('');
  });

  it('doctor checks a token against the stand-in', async () => {
    const cwd = project({
      'mastrakit.config.json': JSON.stringify({ slug: 'acme', domain: sample.zone.name, domainStyle: 'nested' }),
      '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\nCF_ACCOUNT_ID=${sample.account.id}\n`,
    });
    const result = await runBin(['doctor', '--key', 'CLOUDFLARE_API_TOKEN'], {
      cwd,
      bin: installedBin,
      env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('✔ SSL and Certificates: Edit');
    expect(result.stdout).toContain('✔ CLOUDFLARE_API_TOKEN is ready to deploy.');
  });
});

describe('the programmatic API, as a deploy script imports it', () => {
  const files = () => ({
    'mastrakit.config.json': JSON.stringify({ slug: 'acme', domain: sample.zone.name, domainStyle: 'nested' }),
    '.env.dev-secrets': `CF_ACCOUNT_ID=${sample.account.id}\n`,
  });

  it("`import { checkToken } from 'mastrakit'` answers the same document as doctor --json", async () => {
    const cwd = project(files());
    const token = sample.tokens.missingDnsEdit.value;
    const env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: token };
    const script = `import { checkToken } from 'mastrakit';\nconst report = await checkToken({ cwd: ${JSON.stringify(cwd)} });\nprocess.stdout.write(JSON.stringify(report));\n`;
    writeFileSync(join(app, 'deploy-check.mjs'), script);
    const api = await runBin([], { cwd: app, env, bin: join(app, 'deploy-check.mjs') });
    expect(api.stderr).toBe('');
    const cli = await runBin(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--json'], { cwd, env, bin: installedBin });
    expect(cli.code).toBe(1);
    const fromApi = JSON.parse(api.stdout) as { ok: boolean; missing: string[]; checks: { id: string }[] };
    expect(fromApi).toEqual(JSON.parse(cli.stdout));
    expect(fromApi.ok).toBe(false);
    expect(fromApi.missing).toEqual(['com.cloudflare.edge.dns.write']);
    expect(api.stdout).not.toContain(token);
  });

  it('no token: the error document, not a throw', async () => {
    const cwd = project(files());
    writeFileSync(join(app, 'no-token.mjs'), `import { checkToken } from 'mastrakit';\nprocess.stdout.write(JSON.stringify(await checkToken({ cwd: ${JSON.stringify(cwd)}, env: {} })));\n`);
    const api = await runBin([], { cwd: app, env: {}, bin: join(app, 'no-token.mjs') });
    expect(JSON.parse(api.stdout)).toEqual({
      schemaVersion: 1,
      version: pkg.version,
      ok: false,
      error: `No CLOUDFLARE_API_TOKEN found: it is not in the environment, and not in ${join(cwd, '.env.dev-secrets')}. Run \`mastrakit setup\` to create one.`,
    });
  });

  it('ships its types: a TypeScript deploy script type-checks against the installed package', async () => {
    writeFileSync(
      join(app, 'typed.mts'),
      [
        "import { checkToken, type TokenReport, type TokenReportError } from 'mastrakit';",
        'const report: TokenReport | TokenReportError = await checkToken({ domain: null, for: "redeploy" });',
        "if ('error' in report) throw new Error(report.error);",
        'const failed: string[] = report.checks.filter((c) => c.status === "fail").map((c) => c.message);',
        'export { failed };',
        '// @ts-expect-error: an unknown purpose is refused by the types',
        'await checkToken({ for: "preview" });',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] }, files: ['typed.mts'] }),
    );
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(app, 'tsconfig.json')], app);
  });
});
