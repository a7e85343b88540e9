/**
 * The files a protection policy is rendered to, per target, and how a file on disk compares
 * with its rendering. JSON files are compared by value; in .github/settings.yml only the
 * `branches`, `rulesets`, `teams` and `collaborators` sections are gitops-init's, and the rest
 * of the file is kept.
 */
import { readBlockYaml } from '../manifests/block-yaml.js';
import { isMap, yamlPackage } from '../manifests/yaml-nodes.js';
import { aliasOverLimit, MAX_ALIAS_COUNT } from '../manifests/yaml-file.js';
import type { Descriptor } from '../config/descriptor.js';
import { splitTeam, type AccessPolicy } from './access.js';
import { compareFields, type FieldDifference } from './compare.js';
import type { ProtectionPolicy, ProtectionTarget } from './policy.js';
import {
  renderGithubBranchProtection,
  renderGithubRuleset,
  renderGitlab,
  renderGitlabAccess,
  renderSettingsBranch,
} from './render.js';
import { SETTINGS_FILES } from './required-checks.js';

/** What each host reads by default: GitHub rulesets and safe-settings, or GitLab's payloads. */
export function defaultTargets(host: 'github' | 'gitlab'): ProtectionTarget[] {
  return host === 'gitlab' ? ['gitlab'] : ['github-ruleset', 'settings'];
}

/** The targets of a repository: `protection.targets` in gitops.yaml, else the host's defaults. */
export function protectionTargets(descriptor: Descriptor | undefined, host: 'github' | 'gitlab'): ProtectionTarget[] {
  return descriptor?.protection?.targets ?? defaultTargets(host);
}

/** Whether a branch pattern names one branch (the classic protection API takes no wildcards). */
export function isWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/** A file-name-safe form of a branch pattern: `release/*` becomes `release-any`. */
export function branchFileName(pattern: string): string {
  return pattern.replace(/\*+/g, 'any').replace(/[^A-Za-z0-9._-]/g, '-');
}

/** The ruleset's name on GitHub, by which `protect apply` finds and updates it. */
export function rulesetName(pattern: string): string {
  return `${branchFileName(pattern)}-protection`;
}

export const RULESET_DIRECTORY = '.github/rulesets';
/** Bodies of the classic PUT /repos/{owner}/{repo}/branches/{branch}/protection, one per branch. */
export const BRANCH_PROTECTION_DIRECTORY = '.github/branch-protection';
export const GITLAB_FILES = {
  protectedBranches: '.gitlab/protected-branches.json',
  approvalRules: '.gitlab/approval-rules.json',
  mergeRequestSettings: '.gitlab/merge-request-settings.json',
  access: '.gitlab/access.json',
} as const;

/** The settings file safe-settings reads: an existing `.github/settings.yaml`, else `.github/settings.yml`. */
export function settingsPath(hasFile: (path: string) => boolean): string {
  return SETTINGS_FILES.find((file) => hasFile(file)) ?? SETTINGS_FILES[0];
}

export interface ProtectionFile {
  target: ProtectionTarget;
  /** Repository-relative POSIX path. */
  path: string;
  /** The value the file must hold (for settings.yml: its `branches`, `rulesets`, `teams` and `collaborators`). */
  expected: unknown;
  /** The file's content, given its current text (settings.yml keeps everything else). */
  render(existing: string | undefined): string;
  /** The file's value as compared with `expected`, or why it cannot be read. */
  read(text: string): { value: unknown } | { error: string };
}

export interface RenderedProtection {
  files: ProtectionFile[];
  /** Branch patterns a target cannot express (the classic protection API takes no wildcards). */
  skipped: { target: ProtectionTarget; branch: string }[];
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

function jsonFile(target: ProtectionTarget, path: string, expected: unknown): ProtectionFile {
  return { target, path, expected, render: () => jsonText(expected), read: readJson };
}

const SETTINGS_HEADER =
  '# Branch protection and repository access as code, in the format of safe-settings and the Settings app.\n' +
  '# `branches`, `rulesets`, `teams` and `collaborators` are written by `gitops-init protect render` from gitops.yaml.\n';

/** safe-settings' `teams` and `collaborators`: team slugs and logins with their permission. */
export interface SettingsAccess {
  teams: { name: string; permission: string }[];
  collaborators: { username: string; permission: string }[];
}

/**
 * The access policy as safe-settings reads it: `teams` by slug (the organisation is the
 * repository's) and `collaborators` by login, each with its permission.
 * https://github.com/github/safe-settings/tree/main/docs/github-settings
 */
export function settingsAccess(access: AccessPolicy): SettingsAccess {
  return {
    teams: access.teams.map((grant) => ({ name: splitTeam(grant.team).slug, permission: grant.permission })),
    collaborators: access.collaborators.map((grant) => ({
      username: grant.login.replace(/^@/, ''),
      permission: grant.permission,
    })),
  };
}

/** The sections of .github/settings.yml that the policy decides (with the access policy: its teams and collaborators too). */
export function settingsSections(
  policies: readonly ProtectionPolicy[],
  access?: AccessPolicy,
): { branches: unknown[]; rulesets: unknown[] } & Partial<SettingsAccess> {
  return {
    branches: policies.filter((policy) => !isWildcard(policy.branch)).map(renderSettingsBranch),
    rulesets: policies.map((policy) => renderGithubRuleset(policy, rulesetName(policy.branch))),
    ...(access ? settingsAccess(access) : {}),
  };
}

function settingsFile(
  path: string,
  policies: readonly ProtectionPolicy[],
  access: AccessPolicy | undefined,
): ProtectionFile {
  const expected = settingsSections(policies, access);
  const sections = Object.keys(expected) as (keyof typeof expected)[];
  return {
    target: 'settings',
    path,
    expected,
    render(existing) {
      const document =
        existing === undefined || existing.trim() === ''
          ? undefined
          : yamlPackage().parseDocument(existing, { uniqueKeys: false });
      if (!document || document.errors.length > 0 || !isMap(document.contents)) {
        return `${SETTINGS_HEADER}${new (yamlPackage().Document)(expected).toString({ lineWidth: 0 })}`;
      }
      for (const section of sections) document.set(section, document.createNode(expected[section]));
      return document.toString({ lineWidth: 0 });
    },
    read(text) {
      // Plain block-style YAML (what render writes) is read without the yaml package.
      const read = readBlockYaml(text);
      let value: unknown;
      if (read?.length === 1) {
        value = read[0]?.value;
      } else {
        const document = yamlPackage().parseDocument(text, { uniqueKeys: false });
        if (document.errors.length > 0)
          return { error: `not valid YAML (${document.errors[0]?.message.split('\n')[0] ?? ''})` };
        try {
          value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
        } catch (error) {
          // An alias bomb: said where, as yaml-syntax does, rather than a crash of the caller.
          const alias = aliasOverLimit(document)?.range?.[0];
          if (alias === undefined) return { error: `not valid YAML (${(error as Error).message})` };
          const line = text.slice(0, alias).split('\n').length;
          return {
            error: `not valid YAML (the alias at line ${line} expands beyond the limit of ${MAX_ALIAS_COUNT}: a "billion laughs" file)`,
          };
        }
      }
      const map =
        typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      return { value: Object.fromEntries(sections.map((section) => [section, map[section]])) };
    },
  };
}

/**
 * The files of the given targets for these policies; with the repository's access policy, also
 * what renders it (settings.yml's teams and collaborators; GitLab: .gitlab/access.json).
 */
export function renderProtectionFiles(
  policies: readonly ProtectionPolicy[],
  targets: readonly ProtectionTarget[],
  hasFile: (path: string) => boolean = () => false,
  access?: AccessPolicy,
): RenderedProtection {
  const files: ProtectionFile[] = [];
  const skipped: RenderedProtection['skipped'] = [];
  for (const target of targets) {
    if (target === 'github-ruleset') {
      for (const policy of policies) {
        const name = rulesetName(policy.branch);
        files.push(jsonFile(target, `${RULESET_DIRECTORY}/${name}.json`, renderGithubRuleset(policy, name)));
      }
    } else if (target === 'github-branch-protection') {
      for (const policy of policies) {
        if (isWildcard(policy.branch)) skipped.push({ target, branch: policy.branch });
        else
          files.push(
            jsonFile(
              target,
              `${BRANCH_PROTECTION_DIRECTORY}/${branchFileName(policy.branch)}.json`,
              renderGithubBranchProtection(policy),
            ),
          );
      }
    } else if (target === 'settings') {
      for (const policy of policies) if (isWildcard(policy.branch)) skipped.push({ target, branch: policy.branch });
      files.push(settingsFile(settingsPath(hasFile), policies, access));
    } else {
      const gitlab = renderGitlab(policies);
      files.push(jsonFile(target, GITLAB_FILES.protectedBranches, gitlab.protectedBranches));
      files.push(jsonFile(target, GITLAB_FILES.approvalRules, gitlab.approvalRules));
      files.push(jsonFile(target, GITLAB_FILES.mergeRequestSettings, gitlab.projectSettings));
      if (access) files.push(jsonFile(target, GITLAB_FILES.access, renderGitlabAccess(access)));
    }
  }
  return { files, skipped };
}

export type ProtectionFileState =
  | { status: 'missing' }
  | { status: 'unchanged' }
  | { status: 'differs'; differences: FieldDifference[] }
  | { status: 'unreadable'; error: string };

/** How a file's current text compares with its rendering. */
export function protectionFileState(file: ProtectionFile, text: string | undefined): ProtectionFileState {
  if (text === undefined) return { status: 'missing' };
  const read = file.read(text);
  if ('error' in read) return { status: 'unreadable', error: read.error };
  const differences = compareFields(file.expected, read.value, { extraFields: 'report' });
  return differences.length === 0 ? { status: 'unchanged' } : { status: 'differs', differences };
}
