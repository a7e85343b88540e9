import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { GitCommandError, runGit, splitNul } from '../../src/git/command.js';
import { git, gitInit } from '../helpers/git.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

describe('runGit', () => {
  it('returns the standard output as bytes', async () => {
    const root = tree({ 'a.yaml': 'a: 1\n' });
    gitInit(root);
    git(root, 'add', '.');
    const output = await runGit(['ls-files', '-z'], { cwd: root });
    expect(Buffer.isBuffer(output)).toBe(true);
    expect(output.toString('utf8')).toBe('a.yaml\0');
  });

  it('writes its input to the command and closes it', async () => {
    const root = tree({});
    gitInit(root);
    const oid = (await runGit(['hash-object', '--stdin'], { cwd: root, input: 'hello\n' })).toString().trim();
    // The well-known id of the blob "hello\n".
    expect(oid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    const bytes = Buffer.from([0, 0xff, 0x0a]);
    const binary = (await runGit(['hash-object', '--stdin'], { cwd: root, input: bytes })).toString().trim();
    expect(binary).toMatch(/^[0-9a-f]{40}$/);
  });

  it('passes a large output through whole', async () => {
    const root = tree({});
    gitInit(root);
    const text = 'x'.repeat(3 * 1024 * 1024);
    const oid = (await runGit(['hash-object', '-w', '--stdin'], { cwd: root, input: text })).toString().trim();
    const output = await runGit(['cat-file', 'blob', oid], { cwd: root });
    expect(output.length).toBe(text.length);
  });

  it('rejects with GitCommandError carrying the status and standard error', async () => {
    const root = tree({});
    const error = await runGit(['rev-parse', 'HEAD'], { cwd: root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitCommandError);
    const failure = error as GitCommandError;
    expect(failure.status).toBe(128);
    expect(failure.stderr).toMatch(/not a git repository/i);
    // The message names the command, the status and the first line of standard error.
    expect(failure.message).toMatch(/^git rev-parse HEAD failed \(128\): fatal: not a git repository/);
    expect(failure.message).not.toContain('\n');
  });

  it('reports a command that exits early without reading its input by its status, not a pipe error', async () => {
    const root = tree({});
    const error = await runGit(['no-such-subcommand'], { cwd: root, input: 'x'.repeat(1024 * 1024) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as GitCommandError).status).not.toBe(0);
  });

  it('rejects with a UsageError saying how to fix it when git is not on PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(tree({}), 'empty-bin');
    let error: unknown;
    try {
      error = await runGit(['--version'], { cwd: process.cwd() }).catch((caught: unknown) => caught);
    } finally {
      process.env.PATH = saved;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect((error as Error).message).toMatch(/git is not installed or not on PATH; install git/);
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });

  it('rejects with the system error for a working directory that does not exist', async () => {
    const missing = path.join(tree({}), 'missing');
    const error = await runGit(['--version'], { cwd: missing }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(GitCommandError);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});

describe('splitNul', () => {
  it('splits NUL-terminated records', () => {
    expect(splitNul(Buffer.from('a\0b c\0'))).toEqual(['a', 'b c']);
  });

  it('keeps a last record without a terminator', () => {
    expect(splitNul(Buffer.from('a\0b'))).toEqual(['a', 'b']);
  });

  it('is empty for empty output', () => {
    expect(splitNul(Buffer.alloc(0))).toEqual([]);
  });

  it('keeps newlines, tabs and UTF-8 inside a record', () => {
    expect(splitNul(Buffer.from('new\nline\0tab\there\0naïve\0'))).toEqual(['new\nline', 'tab\there', 'naïve']);
  });

  it('keeps an empty record in the middle', () => {
    expect(splitNul(Buffer.from('a\0\0b\0'))).toEqual(['a', '', 'b']);
  });
});
