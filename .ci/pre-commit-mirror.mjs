#!/usr/bin/env node
// Writes the pre-commit mirror repository of a release: the repository that users' (and the
// scaffolds') .pre-commit-config.yaml point at, https://github.com/gitops-init/mirrors-gitops-init,
// tagged v<version> for each release, as pre-commit's own mirrors (mirrors-prettier,
// mirrors-eslint) are made.
//
// Why a mirror: pre-commit installs a `language: node` hook by running `npm install --dev --prod`
// in a clone of the hook's repository, then `npm install --global` of that clone packed, plus the
// hook's additional_dependencies. In this repository the clone's install brings every
// development tool (TypeScript, Vitest, ESLint…) to build dist/. The mirror's package.json is a
// placeholder without dependencies, so its clone installs nothing, and its hook names the
// published package as an additional dependency: the hook's environment gets gitops-init from
// npm with its production dependencies only, and nothing is built.
//
//   node .ci/pre-commit-mirror.mjs <directory> [--package <npm spec>]
//
// <directory> is created or emptied of the files written here (its .git is kept). --package
// replaces `gitops-init@<version of package.json>`, e.g. with the path of a packed tarball
// (test/hooks/pre-commit.test.ts does). The hook's fields come from .pre-commit-hooks.yaml, so
// that both hooks stay the same hook.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: node .ci/pre-commit-mirror.mjs <directory> [--package <npm spec>]';

function fail(message) {
  process.stderr.write(`pre-commit-mirror: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let directory;
let spec;
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index];
  if (arg === '--package') {
    spec = args[index + 1];
    if (spec === undefined || spec === '') fail(`--package needs an npm package spec; ${usage}`);
    index += 1;
  } else if (arg.startsWith('-')) {
    fail(`unknown option ${arg}; ${usage}`);
  } else if (directory === undefined) {
    directory = arg;
  } else {
    fail(`one directory only, got ${directory} and ${arg}; ${usage}`);
  }
}
if (directory === undefined) fail(`no directory given; ${usage}`);

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8'));
if (!Array.isArray(hooks) || hooks.length === 0) fail('.pre-commit-hooks.yaml defines no hook');
const dependency = spec ?? `${pkg.name}@${pkg.version}`;

const mirrorHooks = hooks.map((hook) => {
  if (hook.language !== 'node') fail(`.pre-commit-hooks.yaml: hook ${hook.id} is not a node hook`);
  return { ...hook, additional_dependencies: [dependency] };
});
const manifest = {
  // The placeholder pre-commit packs and installs: no dependencies, so the clone installs nothing.
  name: 'gitops-init-pre-commit-mirror',
  version: pkg.version,
  description: `pre-commit hooks of ${pkg.name} ${pkg.version}, installed from npm`,
  license: pkg.license,
  repository: { type: 'git', url: 'git+https://github.com/gitops-init/mirrors-gitops-init.git' },
};
const readme = `# mirrors-gitops-init

The [pre-commit](https://pre-commit.com) hook of [gitops-init](https://github.com/gitops-init/gitops-init)
${pkg.version}, installed from npm: the hook's environment gets the published package and its
production dependencies only; nothing is built and no development tool is installed. Written by
\`.ci/pre-commit-mirror.mjs\` of gitops-init for each release; do not edit it by hand.

\`\`\`yaml
repos:
  - repo: https://github.com/gitops-init/mirrors-gitops-init
    rev: v${pkg.version}
    hooks:
      - id: gitops-lint
\`\`\`
`;

mkdirSync(directory, { recursive: true });
writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(
  path.join(directory, '.pre-commit-hooks.yaml'),
  `# Written by gitops-init's .ci/pre-commit-mirror.mjs from its .pre-commit-hooks.yaml.\n${stringify(mirrorHooks)}`,
);
writeFileSync(path.join(directory, 'README.md'), readme);
// npm must print nothing but the tarball's name while pre-commit packs the clone.
writeFileSync(path.join(directory, '.npmrc'), 'foreground-scripts=false\n');
process.stdout.write(`wrote the pre-commit mirror of ${dependency} to ${directory}\n`);
