import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CODEOWNERS_LOCATION } from '../codeowners/dialect.js';
import {
  renderOwnershipBlock,
  renderReleaseSections,
  updateOwnershipBlock,
  updateReleaseBlock,
} from '../codeowners/sync.js';
import { releaseApprovals } from '../release/approvers.js';
import { ConfigError, RefusedError } from '../errors.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import { withRepositoryLock } from '../files/lock.js';
import { openCodeowners } from './owners.js';

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export interface SyncCodeownersOptions {
  /** Directory the command runs in. Defaults to process.cwd(). */
  cwd?: string;
  /** A descriptor other than <root>/gitops.yaml. */
  configFile?: string;
  /** Only tell whether CODEOWNERS is up to date; write nothing. */
  check?: boolean;
}

export interface SyncCodeownersResult {
  root: string;
  /** Repository-relative path of the CODEOWNERS file. */
  file: string;
  /** `created`, `updated` (written, or with `check`: would be), or `unchanged`. */
  status: 'created' | 'updated' | 'unchanged';
  /** The file's content after the sync. */
  content: string;
}

/**
 * Writes the block generated from gitops.yaml's ownership map into CODEOWNERS, atomically,
 * keeping every line outside the block. Running it again changes nothing.
 */
export async function syncCodeowners(options: SyncCodeownersOptions = {}): Promise<SyncCodeownersResult> {
  if (options.check) return syncCodeownersUnlocked(options);
  const { root } = openCodeowners(options.cwd, options.configFile).repository;
  // gitops.yaml and CODEOWNERS are read again under the lock.
  return withRepositoryLock(root, () => syncCodeownersUnlocked(options));
}

async function syncCodeownersUnlocked(options: SyncCodeownersOptions): Promise<SyncCodeownersResult> {
  const { repository, host, file: active } = openCodeowners(options.cwd, options.configFile);
  const loaded = repository.loaded;
  if (!loaded) {
    throw new ConfigError(
      `no gitops.yaml in ${repository.root}: codeowners sync writes CODEOWNERS from its ownership map; add one with 'gitops-init new'`,
    );
  }
  const { descriptor } = loaded;
  // On GitLab, one section per team over the releases: each team's approval of a release is required.
  const releaseBlock =
    host === 'gitlab'
      ? renderReleaseSections(
          releaseApprovals(descriptor, (directory) => isDirectory(path.join(repository.root, ...directory.split('/')))),
        )
      : '';
  if (!descriptor.ownership && releaseBlock === '') {
    throw new ConfigError(
      `${loaded.file} has no ownership map; add one that gives CODEOWNERS patterns to teams, e.g. "ownership: { '*': platform, '/clusters/': platform }"`,
    );
  }
  const rendered = descriptor.ownership ? renderOwnershipBlock(descriptor, host) : { text: '', unknown: [] };
  if (rendered.unknown.length > 0) {
    throw new ConfigError(
      `${loaded.file}: the ownership map names owners that are not declared`,
      rendered.unknown.map(({ pattern, name }) => ({
        file: loaded.file,
        line: loaded.lineOf(['ownership', pattern]),
        message: `"${name}" (for "${pattern}") is neither a handle (@org/team, @user, an e-mail address) nor a team under teams (platform, application, a name in teams.applications)`,
      })),
    );
  }
  const file = active ?? DEFAULT_CODEOWNERS_LOCATION[host];
  const absolute = path.join(repository.root, ...file.split('/'));
  let before = '';
  let mode: number | undefined;
  if (active !== undefined) {
    try {
      before = readFileSync(absolute, 'utf8');
      mode = statSync(absolute).mode & 0o7777;
    } catch (error) {
      throw new ConfigError(
        `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`,
        [],
        { cause: error },
      );
    }
  }
  const owned =
    rendered.text === ''
      ? ({ status: 'unchanged', text: before } as const)
      : updateOwnershipBlock(before, rendered.text);
  const update = owned.status === 'broken' ? owned : updateReleaseBlock(owned.text, releaseBlock);
  if (update.status === 'broken') {
    throw new RefusedError(
      `${file}:${update.line}: the generated block's markers are broken (${update.reason}); leave one BEGIN and one END marker line, then run sync again`,
    );
  }
  if (update.text === before) return { root: repository.root, file, status: 'unchanged', content: before };
  if (!options.check)
    await writeFileAtomically(absolute, update.text, {
      root: repository.root,
      ...(mode === undefined ? {} : { mode }),
    });
  return { root: repository.root, file, status: active === undefined ? 'created' : 'updated', content: update.text };
}
