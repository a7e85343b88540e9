#!/usr/bin/env node
// Linting large repositories, against the cost of parsing them. For each size (BENCH_SIZES,
// default 1000,10000,50000 manifests) a platform repository is generated (bench/_generate.mjs)
// and every figure is the median of several runs (BENCH_RUNS, default 3) of a fresh `node`
// process, as CI and hooks run it:
// - the floor: fast-glob plus `yaml` parsing of the same files in one thread, nothing else
//   (bench/_floor.mjs);
// - `gitops-init lint` in one thread (`--concurrency off`) and on every core (the default), with
//   files per second, peak RSS (the process's, worker threads included) and the ratio to the floor;
// - on the size nearest 10,000: `lint --cache`, cold (no cache file) and warm (nothing
//   changed), and `lint --staged` with 3 staged files, alone and as the scaffolded husky hook
//   runs it (`--staged --cache`, with the cache the previous commit's run left);
// - peers on the same tree: repolinter (required files) and @ls-lint/ls-lint (file names);
// and once, `gitops-init --version`. Needs `npm run build` first (`npm run bench` builds).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepository, git, gitEnv } from './_generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const floorScript = path.join(here, '_floor.mjs');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000')
  .split(',')
  .map(Number)
  .filter((size) => size > 0);
const runs = Number(process.env.BENCH_RUNS ?? 3);
/** The cache and --staged figures are taken on the size nearest 10,000 manifests, the size the targets name. */
const detailed = sizes.reduce(
  (best, size) => (best === undefined || Math.abs(size - 10_000) < Math.abs(best - 10_000) ? size : best),
  undefined,
);
const peerTimeout = Number(process.env.BENCH_PEER_TIMEOUT ?? 120) * 1000;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const megabytes = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);

/** Runs a command; returns wall time (ms), peak RSS (KB, from GNU time) and the outcome. */
function measure(command, args, { cwd, timeout, okStatuses = [0] } = {}) {
  const argv = TIME ? [TIME, '-f', '@@rss %M', command, ...args] : [command, ...args];
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, env: gitEnv, encoding: 'utf8', maxBuffer: 1 << 30, timeout });
  const ms = performance.now() - started;
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return { ms, timedOut: true };
  const rssLine = /@@rss (\d+)\s*$/.exec(result.stderr ?? '');
  const stderr = (result.stderr ?? '').replace(/@@rss \d+\s*$/, '').trim();
  if (!okStatuses.includes(result.status)) {
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} exited ${result.status}: ${stderr.split('\n').slice(-3).join(' / ')}`,
    );
  }
  return { ms, rss: rssLine ? Number(rssLine[1]) : undefined, stdout: result.stdout, stderr, status: result.status };
}

/** The median wall time and RSS of `runs` runs. */
function repeat(runs, run) {
  const results = Array.from({ length: runs }, run);
  return {
    ms: median(results.map((result) => result.ms)),
    rss: TIME ? median(results.map((result) => result.rss)) : undefined,
    last: results.at(-1),
  };
}

/** Wall time of two floors started together: what two busy threads get from this machine (1x: two free cores; 2x: one). */
async function twoFloors(dir) {
  const started = performance.now();
  const one = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [floorScript, dir], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the floor exited ${code}`))));
    });
  await Promise.all([one(), one()]);
  return performance.now() - started;
}

const lintArgs = (repository, ...args) => [
  bin,
  'lint',
  '--format',
  'json',
  '--output-file',
  path.join(repository, '..', 'report.json'),
  ...args,
];
const lint = (repository, ...args) =>
  measure(process.execPath, lintArgs(repository, ...args), { cwd: repository, okStatuses: [0, 1] });

function findings(repository) {
  const results = JSON.parse(readFileSync(path.join(repository, '..', 'report.json'), 'utf8'));
  return results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
}

/** A peer's wall time on the tree, or why there is none. */
function peer(script, args, work) {
  if (!existsSync(script)) return 'not installed (npm install)';
  try {
    const result = measure(process.execPath, [script, ...args], { cwd: work, timeout: peerTimeout });
    return result.timedOut ? `did not finish in ${peerTimeout / 1000} s` : seconds(result.ms);
  } catch (error) {
    return `failed: ${error.message.slice(0, 120)}`;
  }
}

function peers(repository, work) {
  // repolinter's required-files checks: what required-paths does for an infrastructure repository.
  const ruleset = path.join(work, 'repolinter.json');
  const rule = (type, glob) => ({ level: 'error', rule: { type, options: { globsAny: [glob] } } });
  writeFileSync(
    ruleset,
    JSON.stringify({
      version: 2,
      axioms: {},
      rules: Object.fromEntries([
        ...['gitops.yaml', 'README.md', 'CHANGELOG.md', 'VERSION', '.github/CODEOWNERS'].map((file) => [
          `${file}-exists`,
          rule('file-existence', file),
        ]),
        ...['clusters', 'infrastructure', 'releases'].map((directory) => [
          `${directory}-exists`,
          rule('directory-existence', directory),
        ]),
      ]),
    }),
  );
  // ls-lint: file and directory names in kebab-case, a layout check of every path in the tree.
  const config = path.join(work, '.ls-lint.yml');
  writeFileSync(
    config,
    'ls:\n  .dir: kebab-case | regex:\\.[a-z]+\n  .yaml: kebab-case\n  .yml: kebab-case\n  .json: kebab-case\n  .md: SCREAMING_SNAKE_CASE | kebab-case\nignore:\n  - .git\n  - node_modules\n',
  );
  return {
    repolinter: peer(
      path.join(root, 'node_modules/repolinter/bin/repolinter.js'),
      ['lint', repository, '--rulesetFile', ruleset],
      work,
    ),
    lsLint: peer(
      path.join(root, 'node_modules/@ls-lint/ls-lint/bin/cli.js'),
      ['-config', config, '-workdir', repository],
      work,
    ),
  };
}

const rows = [];
for (const size of sizes) {
  const work = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-lint-'));
  try {
    const repository = await generateRepository(work, size);
    const dir = repository.root;
    // The first read of a fresh tree pays for the page cache; every measured run finds it warm.
    measure(process.execPath, [floorScript, dir]);
    const floor = repeat(runs, () => measure(process.execPath, [floorScript, dir]));
    const single = repeat(runs, () => lint(dir, '--concurrency', 'off'));
    const singleFindings = findings(dir);
    const parallel = repeat(runs, () => lint(dir));
    const parallelFindings = findings(dir);
    if (parallelFindings !== singleFindings)
      throw new Error(`lint found ${singleFindings} problems in one thread and ${parallelFindings} on every core`);

    const cold = [];
    const warm = [];
    let staged;
    let stagedHook;
    const pairs = [];
    if (size === detailed) {
      for (let run = 0; run < runs; run += 1) pairs.push(await twoFloors(dir));
      const cacheLocation = path.join(work, 'lint-cache.json');
      for (let run = 0; run < runs; run += 1) {
        rmSync(cacheLocation, { force: true });
        cold.push(lint(dir, '--cache', '--cache-location', cacheLocation));
        warm.push(lint(dir, '--cache', '--cache-location', cacheLocation));
      }
      if (findings(dir) !== singleFindings)
        throw new Error('a warm --cache run reported other findings than a run without the cache');

      // The cache of the scaffolded hook (--staged --cache) as the previous commit left it.
      const hookCache = path.join(work, 'hook-cache.json');
      const previousCommit = path.join(work, 'hook-cache-previous.json');
      lint(dir, '--staged', '--cache', '--cache-location', hookCache);
      copyFileSync(hookCache, previousCommit);
      // Three staged changes: a replica count in three apps' Deployments.
      for (const file of repository.staged) {
        const absolute = path.join(dir, file);
        writeFileSync(absolute, readFileSync(absolute, 'utf8').replace('replicas: 2', 'replicas: 3'));
        git(dir, 'add', file);
      }
      lint(dir, '--staged');
      staged = repeat(runs, () => lint(dir, '--staged'));
      const stagedFindings = findings(dir);
      stagedHook = repeat(runs, () => {
        copyFileSync(previousCommit, hookCache);
        return lint(dir, '--staged', '--cache', '--cache-location', hookCache);
      });
      if (findings(dir) !== stagedFindings) throw new Error('--staged --cache reported other findings than --staged');
      git(dir, 'reset', '-q', '--hard');
    }

    rows.push({
      size,
      files: repository.files,
      manifests: repository.manifests,
      codeownersLines: repository.codeownersLines,
      findings: singleFindings,
      floor,
      single,
      parallel,
      cold: cold.length > 0 ? median(cold.map((result) => result.ms)) : undefined,
      warm: warm.length > 0 ? median(warm.map((result) => result.ms)) : undefined,
      staged,
      stagedHook,
      twoFloors: pairs.length > 0 ? median(pairs) : undefined,
      peers: peers(dir, work),
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const version = repeat(15, () => measure(process.execPath, [bin, '--version']));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `machine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}\n`,
);
console.log(
  '| manifests (files) | floor: fast-glob + yaml, 1 thread | lint, 1 thread | lint, all cores | files/s (all cores) | peak RSS floor / 1 thread / all cores | --cache cold / warm | --staged, 3 files: alone / as the hook runs it (--cache) | repolinter (required files) | ls-lint (names) |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const ratio = (result) => `${(result.ms / row.floor.ms).toFixed(2)}x`;
  console.log(
    `| ${row.manifests.toLocaleString('en-US')} (${row.files.toLocaleString('en-US')}) | ${seconds(row.floor.ms)} | ${seconds(row.single.ms)} (${ratio(row.single)}) | ${seconds(row.parallel.ms)} (${ratio(row.parallel)}) | ${Math.round(row.files / (row.parallel.ms / 1000)).toLocaleString('en-US')} | ${megabytes(row.floor.rss)} / ${megabytes(row.single.rss)} / ${megabytes(row.parallel.rss)} | ${row.cold === undefined || row.warm === undefined ? '' : `${seconds(row.cold)} / ${seconds(row.warm)} (${((row.warm / row.cold) * 100).toFixed(0)}%)`} | ${row.staged ? `${seconds(row.staged.ms)} / ${seconds(row.stagedHook.ms)}` : ''} | ${row.peers.repolinter} | ${row.peers.lsLint} |`,
  );
}
console.log(
  `\n\`gitops-init --version\`: ${seconds(version.ms)} (median of 15; \`node -e 0\` alone: ${seconds(repeat(15, () => measure(process.execPath, ['-e', '0'])).ms)})`,
);
console.log(
  `\nmedian of ${runs} runs per figure (--cache and --staged on ${detailed} manifests only); every run is a fresh node process writing a JSON report to a file; ratios are to the floor of the same size and run.`,
);
console.log(
  `findings per repository (the same in one thread, on every core and from the cache): ${rows.map((row) => `${row.manifests}: ${row.findings}`).join(', ')}; CODEOWNERS lines: ${rows.map((row) => row.codeownersLines).join(', ')}`,
);

// The targets, on the 10,000-manifest repository (or the size nearest to it); memory on the largest.
const target = rows.find((row) => row.size === detailed);
const largest = rows.at(-1);
if (target?.staged && target.cold !== undefined && target.warm !== undefined && largest) {
  const verdict = (holds) => (holds ? 'met' : 'MISSED');
  console.log(`\ntargets (${target.manifests} manifests; RSS on ${largest.manifests}):`);
  console.log(
    `- lint in one thread within 1.3x the floor: ${(target.single.ms / target.floor.ms).toFixed(2)}x, ${verdict(target.single.ms <= 1.3 * target.floor.ms)}`,
  );
  console.log(
    `- lint on every core below the floor: ${(target.parallel.ms / target.floor.ms).toFixed(2)}x, ${verdict(target.parallel.ms < target.floor.ms)} (two floors started together took ${(target.twoFloors / target.floor.ms).toFixed(2)}x one floor: 1x where two cores are free, 2x where they share one)`,
  );
  console.log(
    `- warm --cache under 10% of cold: ${((target.warm / target.cold) * 100).toFixed(1)}%, ${verdict(target.warm < 0.1 * target.cold)}`,
  );
  console.log(
    `- --staged (3 files) under 0.5 s: ${seconds(target.staged.ms)}, ${verdict(target.staged.ms < 500)}; as the scaffolded hook runs it (--staged --cache, the cache of the previous commit): ${seconds(target.stagedHook.ms)}, ${verdict(target.stagedHook.ms < 500)}`,
  );
  console.log(`- --version under 100 ms: ${seconds(version.ms)}, ${verdict(version.ms < 100)}`);
  if (TIME)
    console.log(
      `- peak RSS under 500 MB on ${largest.manifests} manifests: ${megabytes(Math.max(largest.single.rss, largest.parallel.rss))}, ${verdict(Math.max(largest.single.rss, largest.parallel.rss) < 500 * 1024)}`,
    );
}
