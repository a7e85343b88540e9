import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { hostName } from '../codeowners/context.js';
import { CODEOWNERS_LOCATIONS, locateCodeowners, resolveDialect, type Dialect } from '../codeowners/dialect.js';
import { CodeownersMatcher, type Ownership } from '../codeowners/matcher.js';
import { parseCodeowners, type CodeownersFile } from '../codeowners/parse.js';
import { isOwnerHandle } from '../codeowners/sync.js';
import { ConfigError, UsageError } from '../errors.js';
import { listTrackedFiles } from '../files/tracked-files.js';
import { openRepository, repositoryPath, type OpenedRepository } from '../config/repository.js';

export interface OwnersOptions {
  /** Directory the command runs in; paths are relative to it. Defaults to process.cwd(). */
  cwd?: string;
  /** Paths to look up (they need not exist). Empty: every tracked file. */
  paths?: readonly string[];
  /** Keep only paths without an owner. */
  unowned?: boolean;
  /** Keep only paths this owner owns (`@user`, `@org/team` or an e-mail address; case does not matter). */
  owner?: string;
  /** A descriptor other than <root>/gitops.yaml (for `host`). */
  configFile?: string;
}

/** One section's deciding line (GitLab). */
export interface SectionMatch {
  line: number;
  pattern: string;
  section: string | null;
  owners: string[];
}

export interface PathOwners {
  path: string;
  owners: string[];
  /** The line that decided, null when no line matches. */
  line: number | null;
  /** Its pattern as written (`!pattern` for a GitLab exclusion), null when no line matches. */
  pattern: string | null;
  /** Its GitLab section, null on GitHub and for lines before the first section. */
  section: string | null;
  /** GitLab only: every section's deciding line (the first one is also in line, pattern and section). */
  matches?: SectionMatch[];
}

export interface OwnersReport {
  root: string;
  /** Repository-relative path of the CODEOWNERS file that was read. */
  codeownersFile: string;
  host: Dialect;
  /** Where the paths came from: the arguments, git's index, or (outside git, or before anything is tracked) the working tree. */
  fileSource: 'arguments' | 'git' | 'working-tree';
  /** How many paths were looked up. */
  total: number;
  entries: PathOwners[];
  /** How many syntax problems the CODEOWNERS file has (gitops-init lint names them). */
  problems: number;
  /** Each rule line's text, by line number, for showing the deciding line. */
  lineTexts: ReadonlyMap<number, string>;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(directory: string): boolean {
  try {
    return statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

export interface OpenedCodeowners {
  repository: OpenedRepository;
  host: Dialect;
  /** Repository-relative path of the file the host reads, if there is one. */
  file: string | undefined;
}

/** The host of the repository and the CODEOWNERS file it reads, on disk. */
export function openCodeowners(cwd: string | undefined, configFile: string | undefined): OpenedCodeowners {
  const repository = openRepository(cwd, configFile);
  const onDisk = {
    hasFile: (file: string) => isFile(path.join(repository.root, file)),
    hasDirectory: (directory: string) => isDirectory(path.join(repository.root, directory)),
  };
  const host = resolveDialect(repository.loaded?.descriptor.host, onDisk);
  return { repository, host, file: locateCodeowners(host, onDisk.hasFile).active };
}

/** Reads and parses the CODEOWNERS file the host reads, or says how to create one. */
function readCodeowners(opened: OpenedCodeowners): { file: string; parsed: CodeownersFile } {
  const { host, file, repository } = opened;
  if (file === undefined) {
    throw new ConfigError(
      `no CODEOWNERS file where ${hostName(host)} reads one (${CODEOWNERS_LOCATIONS[host].join(', ')}); create one, or declare an ownership map in gitops.yaml and run 'gitops-init codeowners sync'`,
    );
  }
  try {
    return { file, parsed: parseCodeowners(readFileSync(path.join(repository.root, file), 'utf8'), host) };
  } catch (error) {
    throw new ConfigError(
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`,
      [],
      { cause: error },
    );
  }
}

function describe(file: string, ownership: Ownership, parsed: CodeownersFile): PathOwners {
  const matches: SectionMatch[] = ownership.matches.map(({ rule, section, owners }) => ({
    line: rule.line,
    pattern: rule.pattern,
    section: section.name ?? null,
    owners: owners.map((owner) => owner.name),
  }));
  for (const rule of ownership.exclusions) {
    matches.push({
      line: rule.line,
      pattern: `!${rule.pattern}`,
      section: parsed.sections[rule.section]?.name ?? null,
      owners: [],
    });
  }
  const first = matches[0];
  return {
    path: file,
    owners: ownership.owners,
    line: first?.line ?? null,
    pattern: first?.pattern ?? null,
    section: first?.section ?? null,
    ...(parsed.dialect === 'gitlab' ? { matches } : {}),
  };
}

/**
 * Who owns each path, as the host reads CODEOWNERS: the given paths (they need not exist),
 * else every file git tracks (outside git: every file that is not ignored). Never prints.
 */
export async function owners(options: OwnersOptions = {}): Promise<OwnersReport> {
  if (options.owner !== undefined && !isOwnerHandle(options.owner)) {
    throw new UsageError(
      `{{option:owner}} "${options.owner}": give an owner as CODEOWNERS writes it: @user, @org/team or an e-mail address`,
    );
  }
  const opened = openCodeowners(options.cwd, options.configFile);
  const { repository, host } = opened;
  const { file, parsed } = readCodeowners(opened);
  const matcher = new CodeownersMatcher(parsed);

  let paths: readonly string[];
  let fileSource: OwnersReport['fileSource'];
  if (options.paths && options.paths.length > 0) {
    paths = options.paths.map((given) => repositoryPath(repository, given));
    fileSource = 'arguments';
  } else {
    const tracked = await listTrackedFiles(repository.root);
    if (tracked && tracked.length > 0) {
      paths = tracked;
      fileSource = 'git';
    } else {
      // Loaded only here: the file walker is not needed inside git.
      const { WorkingTreeSource } = await import('../engine/file-source.js');
      paths = await new WorkingTreeSource(repository.root, {
        ignores: repository.loaded?.descriptor.ignores ?? [],
      }).listFiles();
      fileSource = 'working-tree';
    }
  }

  const wanted = options.owner?.toLowerCase();
  const entries: PathOwners[] = [];
  for (const candidate of paths) {
    const ownership = matcher.match(candidate);
    if (options.unowned && ownership.owners.length > 0) continue;
    if (wanted !== undefined && !ownership.owners.some((owner) => owner.toLowerCase() === wanted)) continue;
    entries.push(describe(candidate, ownership, parsed));
  }
  return {
    root: repository.root,
    codeownersFile: file,
    host,
    fileSource,
    total: paths.length,
    entries,
    problems: parsed.problems.length,
    lineTexts: new Map(parsed.rules.map((rule) => [rule.line, rule.text])),
  };
}
