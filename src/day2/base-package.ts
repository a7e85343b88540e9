import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { UsageError } from '../errors.js';

/** A gitops-init package whose templates a repository was rendered from. */
export interface BasePackage {
  /** The package's directory (holding package.json and templates/). */
  directory: string;
  version: string;
  templatesRoot: string;
}

/** Where fetched and unpacked packages are kept: $XDG_CACHE_HOME/gitops-init (default ~/.cache/gitops-init). */
export function cacheDirectory(): string {
  const base = process.env.XDG_CACHE_HOME;
  return path.join(base !== undefined && base !== '' ? base : path.join(homedir(), '.cache'), 'gitops-init');
}

const NOT_A_PACKAGE =
  'not a gitops-init package (a directory or npm tarball with package.json named gitops-init and templates/)';

/** The package in `directory` (or in its `package/`, as a tarball unpacks), or undefined. */
function readPackage(directory: string): BasePackage | undefined {
  for (const candidate of [directory, path.join(directory, 'package')]) {
    let json: { name?: unknown; version?: unknown };
    try {
      json = JSON.parse(readFileSync(path.join(candidate, 'package.json'), 'utf8')) as typeof json;
    } catch {
      continue;
    }
    const templatesRoot = path.join(candidate, 'templates');
    if (
      json.name === 'gitops-init' &&
      typeof json.version === 'string' &&
      semver.valid(json.version) !== null &&
      existsSync(path.join(templatesRoot, 'shared', 'partials'))
    ) {
      return { directory: candidate, version: json.version, templatesRoot };
    }
  }
  return undefined;
}

/** Unpacks an npm tarball into `target` (made atomically: a half-unpacked package is never used). */
function unpack(tarball: string, target: string, what: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    const result = spawnSync('tar', ['-xzf', tarball, '-C', staging], { encoding: 'utf8', timeout: 120_000 });
    if (result.error || result.status !== 0) {
      const reason = result.error?.message ?? result.stderr.trim().split('\n')[0] ?? `tar exited with ${result.status}`;
      throw new UsageError(
        `${what}: cannot unpack it (${reason}); pass a gitops-init package directory or npm tarball`,
      );
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another update unpacked the same package meanwhile: use that one.
      if (!existsSync(target)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** `--base`: a package directory, or an npm tarball (unpacked into the cache, keyed by its content). */
export function basePackageFrom(given: string, cwd: string): BasePackage {
  const location = path.resolve(cwd, given);
  const flag = `{{option:base}} ${JSON.stringify(given)}`;
  let stats;
  try {
    stats = statSync(location);
  } catch {
    throw new UsageError(`${flag}: no such file or directory; pass a gitops-init package directory or npm tarball`);
  }
  if (stats.isDirectory()) {
    const found = readPackage(location);
    if (!found) throw new UsageError(`${flag}: ${NOT_A_PACKAGE}`);
    return found;
  }
  const digest = createHash('sha256').update(readFileSync(location)).digest('hex').slice(0, 32);
  const target = path.join(cacheDirectory(), 'tarballs', digest);
  if (!existsSync(target)) unpack(location, target, flag);
  const found = readPackage(target);
  if (!found) throw new UsageError(`${flag}: ${NOT_A_PACKAGE}`);
  return found;
}

/**
 * The published package of `version`, fetched once with `npm pack gitops-init@<version>` and
 * kept unpacked in the cache. Fails with one line saying how to pass `--base` instead.
 */
export function basePackageOf(version: string): BasePackage {
  const target = path.join(cacheDirectory(), 'packages', version);
  const cached = existsSync(target) ? readPackage(target) : undefined;
  if (cached) return cached;
  const download = mkdtempSync(path.join(tmpdir(), 'gitops-init-pack-'));
  try {
    const result = spawnSync('npm', ['pack', `gitops-init@${version}`, '--pack-destination', download, '--silent'], {
      encoding: 'utf8',
      timeout: 180_000,
      // npm asks nothing, and its progress and update notices stay out of the way.
      env: { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    const tarball = readdirSync(download).find((file) => file.endsWith('.tgz'));
    if (result.error || result.status !== 0 || tarball === undefined) {
      const npmSays =
        result.error?.message ??
        result.stderr
          .split('\n')
          .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
          .find((line) => line !== '' && !/^code /.test(line)) ??
        `npm exited with ${result.status}`;
      throw new UsageError(
        `cannot fetch gitops-init@${version}, the version that rendered this repository (${npmSays}); pass {{option:base}} <dir|tarball> of gitops-init ${version}`,
      );
    }
    rmSync(target, { recursive: true, force: true });
    unpack(path.join(download, tarball), target, `gitops-init@${version}`);
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
  const fetched = readPackage(target);
  if (!fetched || fetched.version !== version) {
    throw new UsageError(
      `gitops-init@${version} from the npm registry is ${NOT_A_PACKAGE.replace(/^not /, 'not ')}; pass {{option:base}} <dir|tarball> of gitops-init ${version}`,
    );
  }
  return fetched;
}
