#!/usr/bin/env node
// Scaffolding speed: one repository through the programmatic API (in a warm process) and
// through the CLI (a fresh `node` process, as `npx gitops-init new` runs). Target: under 1 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scaffold } = await import(path.join(root, 'dist/src/index.js'));
const bin = path.join(root, 'dist/src/bin/gitops-init.js');
const runs = Number(process.env.BENCH_RUNS ?? 7);

const answers = (kind, tool) => ({
  kind,
  tool,
  name: kind === 'application' ? 'checkout' : 'platform',
  org: 'acme',
  platformTeam: '@acme/platform',
  appTeams: kind === 'application' ? '@acme/checkout' : '@acme/checkout,@acme/payments,@acme/search',
  envs: 'dev,staging,production',
  host: 'github',
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [];
for (const kind of ['infrastructure', 'application']) {
  for (const tool of ['argocd', 'flux', 'helm']) {
    const api = [];
    const cli = [];
    let files = 0;
    for (let run = 0; run < runs; run += 1) {
      const dir = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-'));
      let started = performance.now();
      const result = await scaffold({ cwd: dir, answers: answers(kind, tool), git: false });
      api.push(performance.now() - started);
      files = result.written.length;
      rmSync(dir, { recursive: true, force: true });
      const target = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-'));
      const a = answers(kind, tool);
      started = performance.now();
      const child = spawnSync(
        process.execPath,
        [
          bin,
          'new',
          target,
          '--kind',
          kind,
          '--tool',
          tool,
          '--name',
          a.name,
          '--org',
          'acme',
          '--platform-team',
          a.platformTeam,
          '--app-team',
          a.appTeams,
          '--envs',
          a.envs,
          '--host',
          'github',
        ],
        { encoding: 'utf8' },
      );
      cli.push(performance.now() - started);
      if (child.status !== 0) throw new Error(`gitops-init new failed: ${child.stderr}`);
      rmSync(target, { recursive: true, force: true });
    }
    rows.push({ kind, tool, files, api: median(api), cli: median(cli) });
  }
}
console.log('| kind | tool | files | API (warm) ms | CLI process ms | target |');
console.log('| --- | --- | ---: | ---: | ---: | --- |');
for (const row of rows) {
  console.log(
    `| ${row.kind} | ${row.tool} | ${row.files} | ${row.api.toFixed(0)} | ${row.cli.toFixed(0)} | ${row.cli < 1000 ? 'under 1 s: met' : 'over 1 s: MISSED'} |`,
  );
}
console.log(`\nmedian of ${runs} runs each; CLI includes node start-up, git init and writing every file`);
