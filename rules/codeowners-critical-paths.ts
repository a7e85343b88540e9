import { declaresTeams, loadCodeowners } from '../src/codeowners/context.js';
import type { Dialect } from '../src/codeowners/dialect.js';
import type { Ownership } from '../src/codeowners/matcher.js';
import { DESCRIPTOR_FILES, type RepositoryKind } from '../src/config/descriptor.js';
import { defineRule } from '../src/engine/rule.js';

/**
 * The paths the platform team must control when gitops.yaml sets no `criticalPaths`: in an
 * infrastructure repository the cluster-wide, security and network configuration, the
 * descriptor and the CI files; in an application repository the policy files (descriptor, CI
 * and protection files). CODEOWNERS itself is always added.
 */
export function defaultCriticalPaths(kind: RepositoryKind, dialect: Dialect): string[] {
  const ci = dialect === 'github' ? ['.github/'] : ['.gitlab-ci.yml', '.gitlab/'];
  return kind === 'infrastructure'
    ? ['clusters/', 'infrastructure/security/', 'infrastructure/network/', 'gitops.yaml', ...ci]
    : ['gitops.yaml', ...ci];
}

type Failure = 'unowned' | 'notAlone' | 'notCoOwned';

interface Finding {
  failure: Failure;
  path: string;
  file: string;
  count: number;
  ownership: Ownership;
}

function describeOwners(ownership: Ownership): string {
  return ownership.matches
    .flatMap((match) =>
      match.owners.map((owner) => (match.section.optional ? `${owner.name} (optional section)` : owner.name)),
    )
    .filter((name, index, all) => all.indexOf(name) === index)
    .join(' ');
}

function describeDecider(ownership: Ownership): string {
  return ownership.matches
    .map(
      ({ rule, section }) =>
        `line ${rule.line}${section.name === undefined ? '' : ` in [${section.name}]`}: "${rule.text}"`,
    )
    .join('; ');
}

export default defineRule({
  id: 'codeowners-critical-paths',
  meta: {
    type: 'problem',
    docs: {
      description:
        'The platform team owns the critical paths: alone in infrastructure repositories, with the team in application ones',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      noPlatformTeam:
        'teams.platform is not set in gitops.yaml, so the critical paths cannot be checked; set it to the platform team (@org/team)',
      unowned:
        'Critical path "{{path}}" has no code owner ({{file}}{{more}}); add "{{pattern}} {{platform}}" to CODEOWNERS',
      notAlone:
        'Critical path "{{path}}" must be owned by the platform team {{platform}} alone, but {{file}}{{more}} is owned by {{owners}} ({{decider}}); give it to {{platform}} only, on a line below any broader one',
      notCoOwned:
        'Policy file "{{path}}" must be co-owned by the platform team {{platform}}, but {{file}}{{more}} is owned by {{owners}} ({{decider}}); add {{platform}} to that line',
      codeownersUnowned:
        'CODEOWNERS does not own itself: nobody has to review a change to {{file}}, so anyone who can push can take any path; add "/{{file}} {{platform}}"',
      codeownersNotAlone:
        'CODEOWNERS must be owned by the platform team {{platform}} alone, since whoever can edit it can take any path, but it is owned by {{owners}} ({{decider}})',
      codeownersNotCoOwned:
        'CODEOWNERS must be co-owned by the platform team {{platform}}, since whoever can edit it can take any path, but it is owned by {{owners}} ({{decider}})',
    },
  },
  defaultOptions: [],
  check(context) {
    const kind = context.kind;
    if (!kind || !declaresTeams(context.descriptor)) return;
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    const platform = context.descriptor?.teams?.platform;
    if (platform === undefined) {
      const descriptorFile = DESCRIPTOR_FILES.find((file) => context.hasFile(file)) ?? 'gitops.yaml';
      context.report({ file: descriptorFile, messageId: 'noPlatformTeam' });
      return;
    }
    const descriptorFile = DESCRIPTOR_FILES.find((file) => context.hasFile(file));
    const configured = context.descriptor?.criticalPaths ?? defaultCriticalPaths(kind, codeowners.dialect);
    // CODEOWNERS first: a file that two critical paths cover is reported once, under the first.
    const paths = [
      ...new Set([
        codeowners.path,
        ...configured.map((path) => (path === 'gitops.yaml' && descriptorFile ? descriptorFile : path)),
      ]),
    ];
    const platformKey = platform.toLowerCase();

    const failureOf = (ownership: Ownership): Failure | undefined => {
      const required = ownership.matches
        .filter((match) => !match.section.optional)
        .flatMap((match) => match.owners.map((owner) => owner.name.toLowerCase()));
      if (ownership.owners.length === 0) return 'unowned';
      if (kind === 'application') return required.includes(platformKey) ? undefined : 'notCoOwned';
      const alone = ownership.owners.every((owner) => owner.toLowerCase() === platformKey);
      return alone && required.includes(platformKey) ? undefined : 'notAlone';
    };

    const findings = new Map<string, Finding>();
    const checked = new Set<string>();
    for (const path of paths) {
      const isDirectory = path.endsWith('/');
      const files = isDirectory ? context.filesUnder(path.slice(0, -1)) : context.hasFile(path) ? [path] : [];
      for (const file of files) {
        if (checked.has(file)) continue;
        checked.add(file);
        const ownership = codeowners.matcher.match(file);
        const failure = failureOf(ownership);
        if (!failure) continue;
        // One finding per critical path, kind of failure and deciding lines.
        const key = `${path}\0${failure}\0${ownership.matches.map((match) => match.rule.line).join(',')}`;
        const finding = findings.get(key);
        if (finding) finding.count += 1;
        else findings.set(key, { failure, path, file, count: 1, ownership });
      }
    }

    for (const { failure, path, file, count, ownership } of findings.values()) {
      const first = ownership.matches[0]?.rule;
      const where = first
        ? { line: first.line, column: first.column, endLine: first.line, endColumn: first.endColumn }
        : {};
      const isCodeowners = path === codeowners.path;
      const data = {
        path,
        file,
        more: count > 1 ? ` and ${count - 1} more` : '',
        platform,
        owners: describeOwners(ownership),
        decider: describeDecider(ownership),
        pattern: `/${path}`,
      };
      const messageId = isCodeowners
        ? failure === 'unowned'
          ? 'codeownersUnowned'
          : failure === 'notAlone'
            ? 'codeownersNotAlone'
            : 'codeownersNotCoOwned'
        : failure;
      context.report({ file: codeowners.path, messageId, data, ...where });
    }
  },
});
