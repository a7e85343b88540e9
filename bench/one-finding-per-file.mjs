#!/usr/bin/env node
// One finding per file: `gitops-init lint` on a Flux infrastructure repository (as `gitops-init
// new` writes it) with BENCH_MANIFESTS (default 10,000) Deployments in a namespace that is not a
// platform one, each file giving one no-workloads-in-infrastructure finding: the run a team sees
// when it first adopts the linter. Target: below the single-thread floor (fast-glob and the `yaml`
// package parsing the same files, bench/_floor.mjs), ratio < 1.0, in one thread and on every core.
// Beside it, the same repository with the Deployments in a platform namespace (no finding): the
// clean run, which must stay below the floor too. The findings must come with the positions a
// full parse gives (test/engine/positions.test.ts). Each figure is the median of BENCH_RUNS
// (default 3) fresh `node` processes, the floor and the lints alternated within one run, so the
// ratios hold on a busy machine. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const floorScript = path.join(here, '_floor.mjs');
const { scaffold } = await import(path.join(root, 'dist/src/index.js'));
const { git } = await import(path.join(here, '_generate.mjs'));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const MANIFESTS = Number(process.env.BENCH_MANIFESTS ?? 10_000);
const PER_DIRECTORY = 100;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function deployment(index, namespace) {
  const name = `worker-${String(index).padStart(5, '0')}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: ${name}
          image: registry.example.com/platform/${name}:1.${index % 10}.0
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
`;
}

/** A scaffolded infrastructure repository with MANIFESTS Deployments in `namespace`, committed. */
async function repository(base, directory, namespace) {
  const { root: repo } = await scaffold({
    cwd: base,
    directory,
    answers: {
      kind: 'infrastructure',
      tool: 'flux',
      name: 'platform',
      org: 'acme',
      platformTeam: '@acme/platform',
      appTeams: '@acme/shop',
      envs: 'dev,production',
      host: 'github',
      hooks: 'none',
    },
    yes: true,
    today: '2026-01-15',
  });
  for (let group = 0; group * PER_DIRECTORY < MANIFESTS; group += 1) {
    const folder = `infrastructure/workers/group-${String(group).padStart(3, '0')}`;
    mkdirSync(path.join(repo, folder), { recursive: true });
    const files = [];
    for (let index = group * PER_DIRECTORY; index < Math.min(MANIFESTS, (group + 1) * PER_DIRECTORY); index += 1) {
      const file = `worker-${String(index).padStart(5, '0')}.yaml`;
      writeFileSync(path.join(repo, folder, file), deployment(index, namespace));
      files.push(file);
    }
    writeFileSync(
      path.join(repo, folder, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${files.map((file) => `  - ${file}`).join('\n')}\n`,
    );
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'bench');
  return repo;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One process: wall time, and CPU time (user + system, children included) from GNU time when there is one. */
function run(cwd, args) {
  const argv = TIME ? [TIME, '-f', '@@time %U %S', process.execPath, ...args] : [process.execPath, ...args];
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(
      `${args.slice(1).join(' ')} exited ${result.status}: ${result.stderr.split('\n').slice(-3).join(' / ')}`,
    );
  const timing = /@@time ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  return { ms, cpu: timing ? (Number(timing[1]) + Number(timing[2])) * 1000 : undefined };
}

const lint = (repo, concurrency) =>
  run(repo, [
    bin,
    'lint',
    '--format',
    'json',
    '--output-file',
    path.join(repo, '..', 'report.json'),
    '--concurrency',
    concurrency,
  ]);

function findings(repo) {
  const report = JSON.parse(readFileSync(path.join(repo, '..', 'report.json'), 'utf8'));
  const counts = new Map();
  for (const result of report)
    for (const message of result.messages) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  return counts;
}

const base = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-one-finding-'));
try {
  const dirty = await repository(base, 'dirty', 'shop');
  const cleanBase = path.join(base, 'c');
  mkdirSync(cleanBase);
  const clean = await repository(cleanBase, 'clean', 'kube-system');
  const load = loadavg();
  const figures = { floor: [], one: [], all: [], clean: [] };
  run(dirty, [floorScript, dirty]); // warms the file system cache
  lint(dirty, 'off');
  lint(clean, 'off');
  for (let index = 0; index < runs; index += 1) {
    figures.floor.push(run(dirty, [floorScript, dirty]));
    figures.one.push(lint(dirty, 'off'));
    figures.all.push(lint(dirty, 'auto'));
    figures.clean.push(lint(clean, 'off'));
  }
  const counts = findings(dirty);
  const wall = (values) => median(values.map((value) => value.ms));
  const cpu = (values) => (TIME ? median(values.map((value) => value.cpu)) : undefined);
  const floor = wall(figures.floor);
  const floorCpu = cpu(figures.floor);
  const verdict = (value) => (value < 1 ? 'met' : 'MISSED');
  console.log(
    `repository: ${MANIFESTS.toLocaleString('en-US')} Deployments outside platform namespaces; findings: ${[...counts].map(([rule, count]) => `${rule} ${count}`).join(', ')}\n`,
  );
  console.log('| run | median wall | against the floor | CPU against the floor | target < 1.0x (wall) |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(`| floor: fast-glob + yaml, 1 thread | ${seconds(floor)} | 1.00x | 1.00x | |`);
  const row = (label, values) => {
    const ratio = wall(values) / floor;
    const cpuRatio = floorCpu === undefined ? '' : `${(cpu(values) / floorCpu).toFixed(2)}x`;
    console.log(`| ${label} | ${seconds(wall(values))} | ${ratio.toFixed(2)}x | ${cpuRatio} | ${verdict(ratio)} |`);
  };
  row('lint, one finding per file, 1 thread', figures.one);
  row('lint, one finding per file, all cores', figures.all);
  row('lint, no finding (clean), 1 thread', figures.clean);
  console.log(
    `\nmedian of ${runs} runs each, alternated, every run a fresh node process writing a JSON report; load average ${load
      .map((value) => value.toFixed(2))
      .join(', ')} (1, 5, 15 min) at the start, ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} at the end`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
