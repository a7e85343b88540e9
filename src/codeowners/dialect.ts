/** Which host reads the CODEOWNERS file, and so which syntax and semantics apply. */
export type Dialect = 'github' | 'gitlab';

/**
 * Where each host looks for CODEOWNERS, in its lookup order; the first file found is the only
 * one used. GitHub: `.github/`, the root, `docs/`
 * (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-file-location).
 * GitLab: the root, `docs/`, `.gitlab/` (`Gitlab::CodeOwners::FILE_PATHS`); GitLab never reads
 * `.github/CODEOWNERS`.
 */
export const CODEOWNERS_LOCATIONS: Readonly<Record<Dialect, readonly string[]>> = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
};

/** Where gitops-init writes a new CODEOWNERS (as the scaffolder does). */
export const DEFAULT_CODEOWNERS_LOCATION: Readonly<Record<Dialect, string>> = {
  github: '.github/CODEOWNERS',
  gitlab: '.gitlab/CODEOWNERS',
};

/** GitHub does not load a CODEOWNERS file of 3 MB or more. */
export const GITHUB_MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export interface CodeownersLocation {
  /** The file the host reads, if any. */
  active: string | undefined;
  /** Other CODEOWNERS files at locations the host reads, which it ignores because `active` comes first. */
  shadowed: string[];
  /** CODEOWNERS files at locations only the other host reads. */
  foreign: string[];
}

/** Finds the CODEOWNERS file the host reads, and the others it ignores. */
export function locateCodeowners(dialect: Dialect, hasFile: (path: string) => boolean): CodeownersLocation {
  const present = CODEOWNERS_LOCATIONS[dialect].filter((location) => hasFile(location));
  const own = new Set(CODEOWNERS_LOCATIONS[dialect]);
  const other = dialect === 'github' ? 'gitlab' : 'github';
  return {
    active: present[0],
    shadowed: present.slice(1),
    foreign: CODEOWNERS_LOCATIONS[other].filter((location) => !own.has(location) && hasFile(location)),
  };
}

/**
 * The host: `host` in gitops.yaml, else GitLab when the repository has GitLab's files (a
 * `.gitlab-ci.yml` or a `.gitlab/` directory), else GitHub.
 */
export function resolveDialect(
  host: Dialect | undefined,
  repository: { hasFile(path: string): boolean; hasDirectory(path: string): boolean },
): Dialect {
  if (host) return host;
  return repository.hasFile('.gitlab-ci.yml') || repository.hasDirectory('.gitlab') ? 'gitlab' : 'github';
}
