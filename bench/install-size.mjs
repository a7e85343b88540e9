#!/usr/bin/env node
// Install footprint: what `npx gitops-init` and a CI job download and unpack. Packs this
// checkout (`npm pack`, from the build `npm run bench` makes first), installs the tarball with
// `npm install --omit=dev` into an empty directory, and prints the size of node_modules (bytes
// of file contents, as `du -sb`; MB = 1,000,000 bytes), the package count, the largest packages,
// npm's engine warnings on this Node.js, and a verdict: at most 50 MB, and no engine warning
// on Node.js 22 and later.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_BYTES = 50_000_000;
// The engines gitops-init's dependencies declare: no warning is the target from Node.js 22 on.
const warningsMatter = Number(process.versions.node.split('.')[0]) >= 22;
const mb = (bytes) => (bytes / 1_000_000).toFixed(1);

function npm(args, cwd) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=warn'], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
  return result;
}

/** Bytes of every file and directory under a path, links not followed: what `du -sb` counts. */
function size(target) {
  const stat = lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = stat.size;
  for (const entry of readdirSync(target)) total += size(path.join(target, entry));
  return total;
}

/** The packages directly under a node_modules directory (scoped ones as `@scope/name`). */
function topLevelPackages(modules) {
  const names = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@'))
      for (const name of readdirSync(path.join(modules, entry))) names.push(`${entry}/${name}`);
    else names.push(entry);
  }
  return names;
}

const work = mkdtempSync(path.join(tmpdir(), 'gitops-init-install-size-'));
try {
  // The build is already there (`npm run bench`): no prepare script on pack.
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  const [{ filename, size: tarballBytes, unpackedSize }] = JSON.parse(packed.stdout);
  const project = path.join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "install-size", "version": "1.0.0", "private": true }\n',
  );
  const started = performance.now();
  const installed = npm(['install', '--omit=dev', path.join(work, filename)], project);
  const seconds = (performance.now() - started) / 1000;
  const engineWarnings = `${installed.stdout}\n${installed.stderr}`
    .split('\n')
    .filter((line) => line.includes('EBADENGINE') && line.includes('package:')).length;
  const modules = path.join(project, 'node_modules');
  const listed = npm(['ls', '--all', '--parseable', '--omit=dev'], project);
  const packages = new Set(
    listed.stdout
      .split('\n')
      .filter((line) => line.includes(`${path.sep}node_modules${path.sep}`))
      .map((line) => line.trim()),
  ).size;
  const bytes = size(modules);
  const largest = topLevelPackages(modules)
    .map((name) => ({ name, bytes: size(path.join(modules, name)) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);

  const met = bytes <= TARGET_BYTES && !(warningsMatter && engineWarnings > 0);
  console.log(`| Node.js | tarball | node_modules | packages | install s | engine warnings | target |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  console.log(
    `| ${process.version} | ${mb(tarballBytes)} MB (${mb(unpackedSize)} MB unpacked) | ${mb(bytes)} MB | ${packages} | ${seconds.toFixed(1)} | ${engineWarnings} | ${met ? 'at most 50 MB, no engine warning: met' : 'over 50 MB or engine warnings: MISSED'} |`,
  );
  console.log('\nlargest packages: ' + largest.map((entry) => `${entry.name} ${mb(entry.bytes)} MB`).join(', '));
  console.log(
    '`npm install --omit=dev` of the packed package into an empty directory; install time depends on the network and npm cache',
  );
  if (!met) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
