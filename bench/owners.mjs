#!/usr/bin/env node
// Ownership coverage on a large repository: `gitops-init owners --unowned` on a git repository
// of 100,000 tracked files with a 1,000-line CODEOWNERS (target: under 1 s, node start-up
// included), side by side with @snyk/github-codeowners' `audit --unloved`, the npm package that
// does the same job, on the same tree; also on 10,000 files. Needs `npm run build` first.
// BENCH_PATHS sets the tree's size, BENCH_RUNS the runs per tool, BENCH_PEER_TIMEOUT the seconds
// the peer gets per run (it is much slower: it tests every path against every line).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const peer = path.join(root, 'node_modules/@snyk/github-codeowners/dist/cli.js');
const { owners } = await import(path.join(root, 'dist/src/index.js'));
const size = Number(process.env.BENCH_PATHS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const peerTimeout = Number(process.env.BENCH_PEER_TIMEOUT ?? 120) * 1000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const TEAMS = 300;
const extensions = ['yaml', 'yaml', 'yaml', 'json', 'md', 'tpl', 'sh', 'txt'];

/** A GitOps monorepo's shape: clusters, infrastructure, tenants with apps and environments, docs. */
function treePaths(count) {
  const paths = [];
  for (let index = 0; paths.length < count; index += 1) {
    const team = Math.floor(index / 11) % TEAMS;
    const app = Math.floor(index / 3) % 7;
    const ext = extensions[index % extensions.length];
    switch (index % 10) {
      case 0:
        paths.push(`clusters/cluster-${index % 40}/apps/app-${index % 97}/file-${index}.${ext}`);
        break;
      case 1:
        paths.push(
          `infrastructure/${['security', 'network', 'storage', 'monitoring', 'logging'][index % 5]}/component-${index % 53}/file-${index}.${ext}`,
        );
        break;
      case 2:
        paths.push(`docs/section-${index % 31}/page-${index}.md`);
        break;
      default:
        paths.push(
          `tenants/team-${team}/app-${app}/${['base', 'overlays/dev', 'overlays/prod', 'charts/app/templates'][Math.floor(index / 5) % 4]}/file-${index}.${ext}`,
        );
    }
  }
  return paths;
}

/** 1,000 lines: a catch-all, critical paths, one line per tenant and app, extensions, and some lines that leave paths unowned. */
function codeownersLines() {
  const lines = [
    '* @acme/platform',
    '/clusters/ @acme/platform',
    '/infrastructure/security/ @acme/platform',
    '/infrastructure/network/ @acme/platform',
  ];
  for (let team = 0; team < TEAMS; team += 1) {
    lines.push(`/tenants/team-${team}/ @acme/team-${team}`);
    lines.push(`/tenants/team-${team}/app-${team % 7}/overlays/prod/ @acme/team-${team} @acme/platform`);
  }
  for (let team = 0; team < TEAMS && lines.length < 960; team += 1)
    lines.push(`/tenants/team-${team}/app-${(team + 3) % 7}/charts/ @acme/helm`);
  for (const ext of ['md', 'json', 'sh', 'tpl']) lines.push(`*.${ext} @acme/${ext}-owners`);
  lines.push('**/charts/**/templates/ @acme/helm');
  lines.push('/docs/ @acme/docs');
  // Paths that nobody owns: what --unowned is for.
  for (let team = 0; lines.length < 999; team += 3) lines.push(`/tenants/team-${team}/app-${team % 7}/base/`);
  lines.push('/CODEOWNERS @acme/platform');
  return lines;
}

function makeRepository(count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-owners-'));
  const paths = treePaths(count);
  const made = new Set();
  for (const file of paths) {
    const parent = path.dirname(file);
    if (!made.has(parent)) {
      mkdirSync(path.join(dir, parent), { recursive: true });
      made.add(parent);
    }
    writeFileSync(path.join(dir, file), '');
  }
  const lines = codeownersLines();
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(path.join(dir, '.github/CODEOWNERS'), `${lines.join('\n')}\n`);
  const git = (args) => {
    const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  git(['init', '-q']);
  git(['add', '-A']);
  return { dir, files: paths.length + 1, lines: lines.length };
}

function time(command, args, cwd, timeout) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout });
  const ms = performance.now() - started;
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return { ms, timedOut: true, stdout: '' };
  return { ms, timedOut: false, stdout: result.stdout, status: result.status, stderr: result.stderr };
}

const unownedOf = (stdout) =>
  new Set(
    stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0])
      .filter(Boolean),
  );

const rows = [];
for (const count of [...new Set([10_000, size])]) {
  const repository = makeRepository(count);
  try {
    const cli = [];
    let cliOutput;
    for (let run = 0; run < runs; run += 1) {
      const result = time(process.execPath, [bin, 'owners', '--unowned', '-C', repository.dir], repository.dir);
      if (result.status !== 1)
        throw new Error(`gitops-init owners --unowned exited ${result.status}: ${result.stderr}`);
      cli.push(result.ms);
      cliOutput = result.stdout;
    }
    const api = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await owners({ cwd: repository.dir, unowned: true });
      api.push(performance.now() - started);
    }
    const ours = unownedOf(cliOutput);
    let peerCell = 'not installed';
    let agreement = '';
    if (existsSync(peer)) {
      // Its --only-git reads `git ls-files` through a 1 MB buffer and fails past some 30,000
      // paths, so it walks the tree, which here holds the same files as the index.
      const result = time(
        process.execPath,
        [peer, 'audit', '--unloved', '-d', repository.dir],
        repository.dir,
        peerTimeout,
      );
      if (result.timedOut) {
        peerCell = `did not finish in ${peerTimeout / 1000} s`;
      } else if (result.status !== 0 || result.stderr.trim() !== '') {
        peerCell = `failed after ${(result.ms / 1000).toFixed(1)} s: ${result.stderr.trim().split('\n')[0]}`;
      } else {
        peerCell = `${(result.ms / 1000).toFixed(1)} s`;
        const theirs = unownedOf(result.stdout);
        const differ =
          [...ours].filter((file) => !theirs.has(file)).length + [...theirs].filter((file) => !ours.has(file)).length;
        agreement = differ === 0 ? `same ${ours.size} files` : `${differ} files differ`;
      }
    }
    rows.push({
      files: repository.files,
      lines: repository.lines,
      unowned: ours.size,
      cli: median(cli),
      api: median(api),
      peer: peerCell,
      agreement,
    });
  } finally {
    rmSync(repository.dir, { recursive: true, force: true });
  }
}

console.log(
  '| tracked files | CODEOWNERS lines | unowned | gitops-init owners --unowned (process) | owners() API (warm) | @snyk/github-codeowners audit -u | unowned lists | target |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.files} | ${row.lines} | ${row.unowned} | ${row.cli.toFixed(0)} ms | ${row.api.toFixed(0)} ms | ${row.peer} | ${row.agreement} | ${row.cli < 1000 ? 'under 1 s: met' : 'over 1 s: MISSED'} |`,
  );
}
console.log(
  `\nmedian of ${runs} runs for gitops-init (process: node start-up, git ls-files, matching and output); one run of the peer`,
);
