#!/usr/bin/env node
// The commit path and the cache, on an application repository of 10,000 manifests (a Deployment
// and a Service each, as FACTS.md measures YAML parsing), generated deterministically:
// - `gitops-init lint --staged` with 3 staged files, no cache: target under 400 ms wall;
// - the hook as scaffolded, `gitops-init lint --staged --cache` with the cache a previous run left
//   (warm): target under 250 ms wall;
// - a warm `gitops-init lint --cache` of the whole repository: target under 10% of a cold one;
// - `gitops-init --version`: target under 100 ms.
// Beside them, `node -e 0` (starting Node.js alone) and the load average, in the same run: on a
// busy machine the wall times rise with it, the ratios to `node -e 0` much less.
// Each figure is the median of several runs of the CLI in a fresh `node` process, as a hook or
// CI runs it. Run after `npm run build` (`npm run bench -- staged-cache`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scaffold } = await import(path.join(root, 'dist/src/index.js'));
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const MANIFESTS = Number(process.env.BENCH_MANIFESTS ?? 10_000);
const TEAMS = 100;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });

function manifest(index) {
  const name = `svc-${String(index).padStart(5, '0')}`;
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    `  labels: { app.kubernetes.io/name: ${name} }`,
    'spec:',
    `  replicas: ${1 + (index % 3)}`,
    `  selector: { matchLabels: { app.kubernetes.io/name: ${name} } }`,
    '  template:',
    `    metadata: { labels: { app.kubernetes.io/name: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: registry.example.com/shop/${name}:1.${index % 10}.0`,
    '          ports: [{ containerPort: 8080 }]',
    '          resources: { requests: { cpu: 50m, memory: 64Mi }, limits: { memory: 128Mi } }',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    `  selector: { app.kubernetes.io/name: ${name} }`,
    '  ports: [{ port: 80, targetPort: 8080 }]',
    '',
  ].join('\n');
}

/** Runs the CLI and returns its wall time in ms; the report goes to a file, as in CI. */
function lint(cwd, ...args) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [bin, 'lint', '--format', 'json', '--output-file', path.join(cwd, '..', 'report.json'), ...args],
    {
      cwd,
      env,
      encoding: 'utf8',
    },
  );
  const elapsed = performance.now() - started;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`gitops-init lint ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

const base = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-staged-'));
try {
  const { root: repository } = await scaffold({
    cwd: base,
    directory: 'shop',
    answers: {
      kind: 'application',
      tool: 'argocd',
      name: 'shop',
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
  const perTeam = Math.ceil(MANIFESTS / TEAMS);
  for (let team = 0; team < TEAMS; team += 1) {
    const directory = path.join(repository, 'deploy/services', `team-${String(team).padStart(3, '0')}`);
    mkdirSync(directory, { recursive: true });
    const files = [];
    for (let index = team * perTeam; index < Math.min(MANIFESTS, (team + 1) * perTeam); index += 1) {
      const file = `svc-${String(index).padStart(5, '0')}.yaml`;
      writeFileSync(path.join(directory, file), manifest(index));
      files.push(file);
    }
    writeFileSync(
      path.join(directory, 'kustomization.yaml'),
      `resources:\n${files.map((file) => `  - ${file}`).join('\n')}\n`,
    );
  }
  git(repository, 'add', '-A');
  git(repository, 'commit', '-q', '-m', 'bench');
  const fileCount = git(repository, 'ls-files', '-z').toString().split('\0').length - 1;

  // Three staged changes; the working tree copies then differ again (partially staged files).
  for (const index of [17, 4242, 9001].filter((index) => index < MANIFESTS)) {
    const team = Math.floor(index / perTeam);
    const file = path.join(
      repository,
      'deploy/services',
      `team-${String(team).padStart(3, '0')}`,
      `svc-${String(index).padStart(5, '0')}.yaml`,
    );
    writeFileSync(file, manifest(index).replace('replicas: ', 'replicas: 1\n  # scaled\n  minReadySeconds: '));
    git(repository, 'add', file);
    writeFileSync(file, `${manifest(index)}# not staged\n`);
  }
  lint(repository, '--staged'); // warms the file system cache, as every later run finds it
  const staged = Array.from({ length: runs }, () => lint(repository, '--staged'));

  const cacheLocation = path.join(base, 'cache.json');
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run += 1) {
    rmSync(cacheLocation, { force: true });
    cold.push(lint(repository, '--cache', '--cache-location', cacheLocation));
    warm.push(lint(repository, '--cache', '--cache-location', cacheLocation));
  }
  const stagedWarm = Array.from({ length: runs }, () =>
    lint(repository, '--staged', '--cache', '--cache-location', cacheLocation),
  );

  const time = (args) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: repository, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    return performance.now() - started;
  };
  const version = Array.from({ length: runs }, () => time([bin, '--version']));
  const bare = Array.from({ length: runs }, () => time(['-e', '0']));
  const ratio = median(warm) / median(cold);
  const verdict = (value, limit) => (value < limit ? `under ${limit} ms: met` : `over ${limit} ms: MISSED`);
  const startUps = (ms) => `${(ms / median(bare)).toFixed(1)}x`;
  console.log(
    `repository: ${fileCount} files (${MANIFESTS} manifests of a Deployment and a Service), 3 of them staged\n`,
  );
  console.log('| run | median ms | in `node -e 0` start-ups | target |');
  console.log('| --- | ---: | ---: | --- |');
  console.log(`| node -e 0 (starting Node.js alone) | ${median(bare).toFixed(0)} | 1.0x | |`);
  console.log(
    `| lint --staged (3 staged files, no cache) | ${median(staged).toFixed(0)} | ${startUps(median(staged))} | ${verdict(median(staged), 400)} |`,
  );
  console.log(
    `| lint --staged --cache, warm (the hook as scaffolded) | ${median(stagedWarm).toFixed(0)} | ${startUps(median(stagedWarm))} | ${verdict(median(stagedWarm), 250)} |`,
  );
  console.log(`| lint --cache, cold (whole repository) | ${median(cold).toFixed(0)} | | |`);
  console.log(
    `| lint --cache, warm (nothing changed) | ${median(warm).toFixed(0)} | | ${(ratio * 100).toFixed(1)}% of cold: ${ratio < 0.1 ? 'under 10%: met' : 'MISSED'} |`,
  );
  console.log(
    `| gitops-init --version | ${median(version).toFixed(0)} | ${startUps(median(version))} | ${verdict(median(version), 100)} |`,
  );
  console.log(
    `\nmedian of ${runs} runs each, CLI in a fresh node process, report written to a file; load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} (1, 5, 15 min) on ${availableParallelism()} cores`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
