#!/usr/bin/env node
// Many findings in one file: `gitops-init lint` on a repository whose one file, a Helm values file
// with N credential-like keys holding literal values, gives N findings of no-plaintext-secrets
// (one per line), at two sizes
// (BENCH_FINDINGS, default 60000,120000) and in several formats (BENCH_FORMATS, default
// json,stylish,sarif). Beside it, the same file with keys that find nothing: the cost
// of reading and parsing it, which the findings add to. Every step from a rule's report to the
// report's text must grow linearly: twice the findings, about twice the time (a quadratic step
// took 6 minutes on 200,000 findings). Each figure is the median of BENCH_RUNS (default 3) fresh
// `node` processes writing the report to a file. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const sizes = (process.env.BENCH_FINDINGS ?? '60000,120000')
  .split(',')
  .map(Number)
  .filter((size) => size > 0);
const formats = (process.env.BENCH_FORMATS ?? 'json,stylish,sarif').split(',').filter((format) => format !== '');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);

/** A repository with one values file of `count` keys: credential-like (a finding per key) or plain (none). */
function repository(work, kind, count) {
  const directory = path.join(work, `${kind}-${count}`);
  mkdirSync(directory, { recursive: true });
  const lines = ['config:'];
  for (let index = 0; index < count; index += 1) {
    lines.push(kind === 'secrets' ? `  token_${index}: "Qz7kP2maa19x${index}"` : `  item_${index}: value`);
  }
  writeFileSync(path.join(directory, 'values.yaml'), `${lines.join('\n')}\n`);
  spawnSync('git', ['init', '-q', directory]);
  return directory;
}

/** One lint run: wall time and CPU time (ms) and peak RSS (KB), from GNU time when there is one. */
function lint(directory, format) {
  const report = path.join(directory, '..', `report.${format}`);
  const args = [bin, 'lint', '--format', format, '--output-file', report];
  const argv = TIME ? [TIME, '-f', '@@time %U %S %M', process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: directory, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `lint --format ${format} exited ${result.status}: ${result.stderr.split('\n').slice(-3).join(' / ')}`,
    );
  }
  const timing = /@@time ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  return {
    ms,
    cpu: timing ? (Number(timing[1]) + Number(timing[2])) * 1000 : undefined,
    rss: timing ? Number(timing[3]) : undefined,
    report,
  };
}

function measure(directory, format) {
  const results = Array.from({ length: runs }, () => lint(directory, format));
  return {
    ms: median(results.map((result) => result.ms)),
    cpu: TIME ? median(results.map((result) => result.cpu)) : undefined,
    rss: TIME ? median(results.map((result) => result.rss)) : undefined,
    report: results[0].report,
  };
}

function countFindings(report) {
  return JSON.parse(readFileSync(report, 'utf8')).reduce((sum, result) => sum + result.messages.length, 0);
}

const work = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-findings-'));
const rows = [];
try {
  for (const size of sizes) {
    const secrets = repository(work, 'secrets', size);
    const quiet = repository(work, 'plain', size);
    const floor = measure(quiet, 'json');
    if (countFindings(floor.report) !== 0) throw new Error(`the plain values file of ${size} keys has findings`);
    for (const format of formats) {
      const run = measure(secrets, format);
      if (format === 'json' && countFindings(run.report) !== size) {
        throw new Error(`${size} keys gave ${countFindings(run.report)} findings, not ${size}`);
      }
      rows.push({ size, format, run, floor });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${availableParallelism()} cores (${cpu}), Node.js ${process.version}\n`);
console.log(
  '| findings (lines) | format | lint, wall | lint, CPU | CPU per 1,000 findings | same file, no findings (CPU) | peak RSS |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
const cost = (result) => result.cpu ?? result.ms;
for (const { size, format, run, floor } of rows) {
  console.log(
    `| ${size.toLocaleString('en-US')} | ${format} | ${seconds(run.ms)} | ${run.cpu === undefined ? 'n/a' : seconds(run.cpu)} | ${(cost(run) / (size / 1000)).toFixed(1)} ms | ${seconds(cost(floor))} | ${run.rss === undefined ? 'n/a' : `${Math.round(run.rss / 1024)} MB`} |`,
  );
}
if (sizes.length >= 2) {
  const [small, large] = [sizes[0], sizes.at(-1)];
  console.log(
    `\ngrowth from ${small.toLocaleString('en-US')} to ${large.toLocaleString('en-US')} findings (x${(large / small).toFixed(1)}):`,
  );
  for (const format of formats) {
    const [a, b] = [small, large].map((size) => rows.find((row) => row.size === size && row.format === format));
    // Linear: the ratio of the times is about the ratio of the sizes (start-up makes it a little less).
    const ratio = cost(b.run) / cost(a.run);
    const linear = ratio <= (large / small) * 1.3;
    console.log(`- ${format}: CPU x${ratio.toFixed(2)}, ${linear ? 'linear' : 'GROWS FASTER THAN LINEARLY'}`);
  }
}
console.log(
  `\nmedian of ${runs} runs per figure; CPU is user + system time of the process (GNU time), steadier than wall time on a shared machine.`,
);
