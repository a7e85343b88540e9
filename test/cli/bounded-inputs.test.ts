import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_FILE_BYTES, readRegularFile } from '../../src/files/read-regular.js';
import { runBin } from '../helpers/cli.js';
import { temporaryRepositories } from '../helpers/repositories.js';
import { SHOP_PLATFORM_DESCRIPTOR } from '../helpers/descriptors.js';

// Configuration files are read without blocking and up to a limit; the cache never replaces
// what is not a cache. Each run has a timeout: a hang fails the test instead of stalling it.

const repo = temporaryRepositories().repository;
const TIMEOUT = { timeoutMs: 15_000 };
const DEVICE = '/dev/zero';

function fifo(root: string, name: string): string {
  const file = path.join(root, name);
  execFileSync('mkfifo', [file]);
  return file;
}

/** The run's stderr is one line, that contains `text`. */
function oneLine(stderr: string, text: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(text);
}

describe('readRegularFile', () => {
  it('refuses a FIFO and a device without blocking, and a file over the limit', () => {
    const root = repo({ 'small.yaml': 'a: 1\n', 'big.yaml': 'x'.repeat(101) });
    expect(readRegularFile(fifo(root, 'pipe'), { maxBytes: 100 })).toEqual({ reason: 'not-regular' });
    expect(readRegularFile(DEVICE, { maxBytes: 100 })).toEqual({ reason: 'not-regular' });
    expect(readRegularFile(root, { maxBytes: 100 })).toMatchObject({ reason: 'not-regular' });
    expect(readRegularFile(path.join(root, 'big.yaml'), { maxBytes: 100 })).toEqual({ reason: 'too-large' });
    expect(readRegularFile(path.join(root, 'nope'), { maxBytes: 100 })).toMatchObject({ reason: 'missing' });
    expect(readRegularFile(path.join(root, 'small.yaml'), { maxBytes: 100 })).toEqual(Buffer.from('a: 1\n'));
  });
});

describe('lint -c and new --answers: bounded reads', () => {
  it('lint -c /dev/zero: exit 2, one line, at once', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    const run = await runBin(['lint', '-c', DEVICE], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, `${DEVICE}: not a regular file; give a YAML file`);
  });

  it('lint -c <fifo> outside and inside the repository: exit 2, no hang', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    const outside = repo({});
    const pipe = fifo(outside, 'config.yaml');
    const run = await runBin(['lint', '-c', pipe], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, 'not a regular file; give a YAML file');
    fifo(root, 'piped.yaml');
    const inside = await runBin(['lint', '-c', 'piped.yaml'], { cwd: root, ...TIMEOUT });
    expect(inside.code).toBe(2);
    oneLine(inside.stderr, 'piped.yaml: not a regular file; give a YAML file');
  });

  it('a gitops.yaml over 1 MiB: exit 2, the limit named', async () => {
    const big = `${SHOP_PLATFORM_DESCRIPTOR}# ${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n`;
    const root = repo({ 'gitops.yaml': big });
    const run = await runBin(['lint'], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, 'gitops.yaml is larger than 1 MiB');
    const outside = repo({ 'other.yaml': big });
    const given = await runBin(['lint', '-c', path.join(outside, 'other.yaml')], { cwd: root, ...TIMEOUT });
    expect(given.code).toBe(2);
    oneLine(given.stderr, 'is larger than 1 MiB');
  });

  it('more than 10,000 ignores patterns: a configuration error', async () => {
    const ignores = Array.from({ length: 10_001 }, (_, index) => `  - "generated-${index}/**"`).join('\n');
    const root = repo({ 'gitops.yaml': `${SHOP_PLATFORM_DESCRIPTOR}ignores:\n${ignores}\n` });
    const run = await runBin(['lint'], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, 'ignores has 10001 patterns, over the limit of 10000');
  });

  it('new --answers /dev/zero, a FIFO, a large file: exit 2, one line', async () => {
    const base = repo({ 'big.yaml': `kind: application\n# ${'x'.repeat(MAX_CONFIG_FILE_BYTES)}\n` });
    const pipe = fifo(base, 'answers.yaml');
    for (const [answers, text] of [
      [DEVICE, `${DEVICE}: not a regular file; give a YAML file`],
      [pipe, `${pipe}: not a regular file; give a YAML file`],
      ['big.yaml', 'big.yaml is larger than 1 MiB'],
    ] as const) {
      const run = await runBin(['new', '--answers', answers, '--yes', '--dry-run'], { cwd: base, ...TIMEOUT });
      expect(run.code, answers).toBe(2);
      oneLine(run.stderr, text);
    }
  });

  it('release list: a manifest that is a FIFO is refused', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR, 'releases/README.md': '# Releases\n' });
    fifo(root, 'releases/release-1.0.0-1.0.0.yaml');
    const piped = await runBin(['release', 'list'], { cwd: root, ...TIMEOUT });
    expect(piped.code).toBe(2);
    oneLine(piped.stderr, 'releases/release-1.0.0-1.0.0.yaml: not a regular file; give a YAML file');
  });
});

describe('lint --cache-location: never replaces what is not a cache', () => {
  it('refuses the SHOP_PLATFORM_DESCRIPTOR, leaving it byte for byte', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    const before = readFileSync(path.join(root, 'gitops.yaml'));
    const run = await runBin(['lint', '--cache', '--cache-location', 'gitops.yaml'], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, '--cache-location "gitops.yaml": it is an existing file that is not a lint cache');
    expect(readFileSync(path.join(root, 'gitops.yaml')).equals(before)).toBe(true);
  });

  it('refuses a device and a FIFO, without blocking', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    const devnull = await runBin(['lint', '--cache', '--cache-location', '/dev/null'], { cwd: root, ...TIMEOUT });
    expect(devnull.code).toBe(2);
    oneLine(devnull.stderr, '--cache-location "/dev/null": it is not a regular file');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    fifo(root, 'cache-pipe');
    const piped = await runBin(['lint', '--cache', '--cache-location', 'cache-pipe'], { cwd: root, ...TIMEOUT });
    expect(piped.code).toBe(2);
    oneLine(piped.stderr, '--cache-location "cache-pipe": it is not a regular file');
  });

  it('refuses a directory where the cache file would be', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    mkdirSync(path.join(root, 'cache/lint-cache.json'), { recursive: true });
    const run = await runBin(['lint', '--cache', '--cache-location', 'cache/'], { cwd: root, ...TIMEOUT });
    expect(run.code).toBe(2);
    oneLine(run.stderr, '--cache-location "cache/": it is a directory');
  });

  it('writes a new path, then reuses its own cache file', async () => {
    const root = repo({ 'gitops.yaml': SHOP_PLATFORM_DESCRIPTOR });
    const first = await runBin(['lint', '--cache', '--cache-location', 'my-cache.json'], { cwd: root, ...TIMEOUT });
    expect(first.stderr).not.toContain('cache-location');
    expect(existsSync(path.join(root, 'my-cache.json'))).toBe(true);
    writeFileSync(path.join(root, 'other.txt'), 'x\n');
    const second = await runBin(['lint', '--cache', '--cache-location', 'my-cache.json'], { cwd: root, ...TIMEOUT });
    expect(second.code).toBe(first.code);
    expect(second.stderr).not.toContain('cache-location');
  });
});
