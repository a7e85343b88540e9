#!/usr/bin/env node
// Linting a repository shaped like real ones (bench/_real-shaped.mjs: 2 MB install manifests of
// large CRDs, custom resources of them, Helm chart trees, kustomize overlays, and tens of
// megabytes of Go, TypeScript, Markdown, binary and vendored files beside the YAML), against
// its parse floor (bench/_floor.mjs: fast-glob plus the `yaml` package's single-thread parse of
// the same YAML). Every figure is the median of BENCH_RUNS (default 3) runs of a fresh `node`
// process, the runs of each measure interleaved with the others' so that a change of load hits
// them alike. Prints the floor, lint with `--concurrency auto` (the default) and `off`, peak
// RSS, the ratios to the floor (of wall time, and of CPU time, which a busy machine disturbs
// less) and the verdicts:
// - lint (auto) below 1.0x the floor, and under 500 MB RSS;
// - `--concurrency auto` never slower than `off` (here, and on the platform repository of
//   bench/_generate.mjs at BENCH_REAL_PLATFORM manifests, default 10,000; 0 skips it): within
//   the noise this machine shows between runs of one command (5 %), or auto chose one thread,
//   which is the code path of `off` (the thread count is asked of the API, untimed).
// BENCH_REAL_SCALE (default 1) scales the repository. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRealShaped, gitEnv } from './_real-shaped.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const floorScript = path.join(here, '_floor.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const scale = Number(process.env.BENCH_REAL_SCALE ?? 1);
const platformSize = Number(process.env.BENCH_REAL_PLATFORM ?? 10_000);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** How much slower `auto` may measure than `off` before it counts as slower: the run-to-run noise here. */
const NOISE = 1.05;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const megabytes = (kb) => (kb === undefined ? 'n/a' : `${Math.round(kb / 1024)} MB`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** Runs a command; returns wall time (ms) and peak RSS (KB, from GNU time). */
function measure(args, cwd) {
  const argv = TIME ? [TIME, '-f', '@@rss %M %U %S', process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, env: gitEnv, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${(result.stderr ?? '').trim().slice(-400)}`);
  }
  const rss = /@@rss (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  return {
    ms,
    rss: rss ? Number(rss[1]) : undefined,
    cpu: rss ? (Number(rss[2]) + Number(rss[3])) * 1000 : undefined,
  };
}

/** Median wall time and RSS of each named command, the runs of all commands interleaved. */
function interleaved(commands, cwd) {
  const results = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1)
    for (const [name, args] of Object.entries(commands)) results[name].push(measure(args, cwd));
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [
      name,
      {
        ms: median(list.map((item) => item.ms)),
        rss: TIME ? median(list.map((item) => item.rss)) : undefined,
        cpu: TIME ? median(list.map((item) => item.cpu)) : undefined,
      },
    ]),
  );
}

const lintArgs = (report, ...args) => [bin, 'lint', '--format', 'json', '--output-file', report, ...args];

/** How many threads `--concurrency auto` lints a repository with, asked of the API once (not timed). */
async function autoThreads(cwd) {
  const { lint } = await import(path.join(root, 'dist/src/index.js'));
  return (await lint({ cwd, concurrency: 'auto' })).threads;
}

/** auto against off: not slower beyond the noise, or the same single thread (the same code path as off). */
function autoVerdict(figures, threads) {
  const ratio = figures.auto.ms / figures.off.ms;
  const detail = `auto/off ${ratio.toFixed(2)}, auto chose ${threads} thread(s)`;
  return { ok: ratio <= NOISE || threads === 1, detail };
}

function findings(report) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const byRule = {};
  for (const result of results)
    for (const message of result.messages) byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
  return byRule;
}

const work = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-real-'));
let failed = false;
try {
  console.log(`load average before: ${load()}`);
  const repository = generateRealShaped(work, scale);
  console.log(
    `repository: ${repository.files} tracked files, ${(repository.bytes / 1e6).toFixed(1)} MB; ` +
      `${repository.yamlFiles} YAML files, ${(repository.yamlBytes / 1e6).toFixed(1)} MB`,
  );
  const report = (name) => path.join(work, `${name}.json`);
  const figures = interleaved(
    {
      floor: [floorScript, repository.root],
      auto: lintArgs(report('auto')),
      off: lintArgs(report('off'), '--concurrency', 'off'),
    },
    repository.root,
  );
  const same = JSON.stringify(findings(report('auto'))) === JSON.stringify(findings(report('off')));
  const verdicts = [];
  const verdict = (name, ok, detail) => {
    verdicts.push(`| ${name} | ${detail} | ${ok ? 'holds' : 'FAILS'} |`);
    if (!ok) failed = true;
  };
  const floor = figures.floor.ms;
  console.log('');
  console.log('| measure | wall (median) | ratio to the floor | CPU, user + system (ratio) | peak RSS |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, label] of [
    ['floor', 'floor: fast-glob + yaml, 1 thread'],
    ['auto', 'lint, `--concurrency auto` (default)'],
    ['off', 'lint, `--concurrency off`'],
  ]) {
    const figure = figures[name];
    const cpu =
      figure.cpu === undefined ? 'n/a' : `${seconds(figure.cpu)} (${(figure.cpu / figures.floor.cpu).toFixed(2)}x)`;
    console.log(
      `| ${label} | ${seconds(figure.ms)} | ${(figure.ms / floor).toFixed(2)}x | ${cpu} | ${megabytes(figure.rss)} |`,
    );
  }
  console.log(`\nfindings by rule: ${JSON.stringify(findings(report('auto')))}`);
  verdict('same findings with auto and off', same, same ? 'identical counts by rule' : 'they differ');
  verdict('lint (auto) below the floor', figures.auto.ms < floor, `${(figures.auto.ms / floor).toFixed(2)}x`);
  verdict(
    'peak RSS (auto) under 500 MB',
    figures.auto.rss === undefined || figures.auto.rss < 500 * 1024,
    megabytes(figures.auto.rss),
  );
  const real = autoVerdict(figures, await autoThreads(repository.root));
  verdict('auto never slower than off (real-shaped)', real.ok, real.detail);

  if (platformSize > 0) {
    const { generateRepository } = await import('./_generate.mjs');
    const platform = await generateRepository(work, platformSize);
    const dir = platform.root ?? platform.repository ?? platform;
    const other = interleaved(
      { auto: lintArgs(report('p-auto')), off: lintArgs(report('p-off'), '--concurrency', 'off') },
      dir,
    );
    console.log(
      `\nplatform repository (${platformSize} manifests): auto ${seconds(other.auto.ms)}, off ${seconds(other.off.ms)}`,
    );
    const platformVerdict = autoVerdict(other, await autoThreads(dir));
    verdict(`auto never slower than off (platform, ${platformSize})`, platformVerdict.ok, platformVerdict.detail);
  }
  console.log('\n| target | result | verdict |\n| --- | --- | --- |');
  for (const line of verdicts) console.log(line);
  console.log(`\nload average after: ${load()} (2 cores: above 2 the figures are noisy)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
