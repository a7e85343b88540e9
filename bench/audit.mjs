#!/usr/bin/env node
// Audit throughput: `audit()` over an organisation of BENCH_AUDIT_REPOS (default 400) scaffolded
// application repositories, each with its protection in sync, served by a stand-in of GitHub's
// REST API on 127.0.0.1 (this script's own: the routes the audit reads, no schema checks). Runs
// with 1 and 8 repositories at once, then at 8 behind GitHub's secondary rate limit (every 9th
// request answered 403 with retry-after: 1, a retried request let through). Waits are scaled:
// retry-after is multiplied by BENCH_AUDIT_RETRY_MS (default 50 ms instead of GitHub's 1,000).
// Target: 400 repositories behind secondary limits in well under two minutes. Needs
// `npm run build` first. The stand-in shares the process (and the cores) with the audit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(path.join(root, 'dist/src', file));
const { audit, scaffold, resolvePolicies, parseDescriptor } = {
  ...(await dist('index.js')),
  ...(await dist('config/descriptor.js')),
};
const { renderGithubRuleset, renderGithubBranchProtection } = await dist('protection/render.js');
const { accessPolicy } = await dist('protection/access.js');
const { rulesetName } = await dist('protection/files.js');

const count = Number(process.env.BENCH_AUDIT_REPOS ?? 400);
const retryMs = Number(process.env.BENCH_AUDIT_RETRY_MS ?? 50);
const TOKEN = 'bench-token';

/** The files of a scaffolded application repository, by path. */
async function repositoryFiles() {
  const parent = mkdtempSync(path.join(tmpdir(), 'gitops-init-bench-audit-'));
  try {
    const directory = path.join(parent, 'checkout');
    await scaffold({
      cwd: parent,
      directory,
      git: false,
      today: '2026-01-15',
      answers: {
        kind: 'application',
        tool: 'argocd',
        name: 'checkout',
        org: 'acme',
        platformTeam: '@acme/platform',
        appTeams: '@acme/checkout',
        envs: 'dev,staging,production',
        host: 'github',
      },
    });
    const files = {};
    for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      files[file] = readFileSync(path.join(directory, file), 'utf8');
    }
    return files;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const files = await repositoryFiles();
const descriptor = parseDescriptor('gitops.yaml', files['gitops.yaml']).descriptor;
const [policy] = resolvePolicies(descriptor, descriptor.kind);
const ruleset = {
  id: 1,
  name: rulesetName(policy.branch),
  source_type: 'Repository',
  ...renderGithubRuleset(policy, rulesetName(policy.branch)),
};
const put = renderGithubBranchProtection(policy);
const flag = (enabled) => ({ enabled: enabled === true });
const protection = {
  required_status_checks: put.required_status_checks,
  required_pull_request_reviews: put.required_pull_request_reviews,
  enforce_admins: flag(put.enforce_admins),
  required_linear_history: flag(put.required_linear_history),
  allow_force_pushes: flag(put.allow_force_pushes),
  allow_deletions: flag(put.allow_deletions),
  required_conversation_resolution: flag(put.required_conversation_resolution),
  required_signatures: flag(false),
};
const tree = Object.entries(files).map(([file, text]) => ({
  path: file,
  mode: '100644',
  type: 'blob',
  size: text.length,
}));
const contents = new Map(
  Object.entries(files).map(([file, text]) => [
    file,
    JSON.stringify({ type: 'file', encoding: 'base64', path: file, content: Buffer.from(text).toString('base64') }),
  ]),
);
const teams = accessPolicy(descriptor).teams.map((grant) => ({
  slug: grant.team.split('/')[1],
  permission: grant.permission,
}));
const names = Array.from({ length: count }, (_, index) => `repo-${String(index).padStart(4, '0')}`);

let limitEvery = 0;
let requests = 0;
let limited = 0;
const limitedPaths = new Set();
const server = createServer((request, response) => {
  const send = (status, body, headers = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  if (request.headers.authorization !== `token ${TOKEN}`) return send(401, { message: 'Bad credentials' });
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const route = url.pathname;
  requests += 1;
  if (limitEvery > 0 && requests % limitEvery === 0 && !limitedPaths.delete(route)) {
    limitedPaths.add(route);
    limited += 1;
    return send(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' });
  }
  if (route === '/orgs/acme/repos') {
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    return send(
      200,
      names.slice((page - 1) * perPage, page * perPage).map((name) => ({
        name,
        full_name: `acme/${name}`,
        default_branch: 'main',
        archived: false,
      })),
    );
  }
  const match = /^\/repos\/acme\/[^/]+(\/.*)?$/.exec(route);
  const rest = match?.[1] ?? '';
  if (!match) return send(404, { message: 'Not Found' });
  if (rest === '') return send(200, { permissions: { admin: true } });
  if (rest.startsWith('/git/trees/')) return send(200, { sha: '1', truncated: false, tree });
  if (rest.startsWith('/contents/')) {
    const text = contents.get(decodeURIComponent(rest.slice('/contents/'.length)));
    return text === undefined ? send(404, { message: 'Not Found' }) : send(200, text);
  }
  // The policy's teams with the policy's roles (the kind's defaults), and no collaborator.
  if (rest === '/teams') return send(200, teams);
  if (rest === '/collaborators') return send(200, []);
  if (rest === '/rulesets') return send(200, [{ id: 1, name: ruleset.name, source_type: 'Repository' }]);
  if (rest === '/rulesets/1') return send(200, ruleset);
  if (rest === '/branches/main') return send(200, { name: 'main', protected: true });
  if (rest === '/branches/main/protection') return send(200, protection);
  return send(404, { message: 'Not Found' });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const apiUrl = `http://127.0.0.1:${server.address().port}`;

async function run(concurrency, every) {
  limitEvery = every;
  requests = 0;
  limited = 0;
  limitedPaths.clear();
  const started = performance.now();
  const report = await audit({ org: 'acme', token: TOKEN, apiUrl, concurrency, retryDelayMs: retryMs });
  const seconds = (performance.now() - started) / 1000;
  return { concurrency, every, seconds, requests, limited, summary: report.summary };
}

const load = loadavg()[0].toFixed(1);
const rows = [await run(1, 0), await run(8, 0), await run(8, 9)];
server.close();

console.log('| repositories | at once | secondary limits | requests | limited | time | repositories/s | compliant |');
console.log('| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(
    `| ${count} | ${row.concurrency} | ${row.every > 0 ? `every ${row.every}th request, retry-after 1 (x ${retryMs} ms)` : 'none'} | ${row.requests} | ${row.limited} | ${row.seconds.toFixed(1)} s | ${(count / row.seconds).toFixed(1)} | ${row.summary.compliant} |`,
  );
}
const [one, eight, behind] = rows;
const verdict = (holds) => (holds ? 'met' : 'MISSED');
console.log(`\nload average when the bench started: ${load} (2 cores); ratios are within this run`);
console.log(`- 8 at once against 1 at once: ${(one.seconds / eight.seconds).toFixed(2)}x faster`);
console.log(
  `- ${count} repositories behind secondary limits well under two minutes (under 60 s): ${behind.seconds.toFixed(1)} s, ${verdict(behind.seconds < 60 && behind.summary.compliant === count)}`,
);
process.exitCode = rows.every((row) => row.summary.compliant === count) ? 0 : 1;
