import { CODEOWNERS_LOCATIONS, type Dialect } from '../codeowners/dialect.js';
import { CodeownersMatcher } from '../codeowners/matcher.js';
import { parseCodeowners, type CodeownersOwner, type CodeownersRule } from '../codeowners/parse.js';

/** A team and the CODEOWNERS line that named it (`.github/CODEOWNERS:3`). */
export interface FoundTeam {
  team: string;
  source: string;
}

/** Who owns the repository, as its CODEOWNERS file says, read for either kind of repository. */
export interface CodeownersTeams {
  /** Repository-relative path of the CODEOWNERS file read. */
  file: string;
  /** Infrastructure: the platform team owns `*`, else the critical paths; every other team is a tenant. */
  infrastructure: { platform: FoundTeam | undefined; tenants: FoundTeam[] };
  /** Application: the team that owns `*` (else most files); the platform team co-owns the critical paths. */
  application: { application: FoundTeam | undefined; platform: FoundTeam | undefined };
  /** People named as owners (@user, e-mail addresses), to declare as teams.members. */
  members: string[];
}

/** A team as gitops.yaml declares one (the schema's `team`): `@org/team`, no subgroups. */
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+$/;
const PERSON = /^@[A-Za-z0-9][A-Za-z0-9_.-]*$|^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Patterns that own every file. */
const CATCH_ALL = new Set(['*', '/*', '**', '/**']);

/** Paths the platform team controls in every layout (the defaults of codeowners-critical-paths, both kinds). */
const CRITICAL_PATHS = ['clusters/', 'infrastructure/', 'gitops.yaml', '.github/', '.gitlab-ci.yml', '.gitlab/'];

function isTeam(owner: CodeownersOwner): boolean {
  return owner.kind === 'team' && TEAM.test(owner.name);
}

/** The CODEOWNERS file of the repository: the host's file when the host is known, else the first found. */
export function findCodeownersFile(
  hasFile: (file: string) => boolean,
  dialect: Dialect | undefined,
): string | undefined {
  const order = dialect
    ? CODEOWNERS_LOCATIONS[dialect]
    : [...new Set([...CODEOWNERS_LOCATIONS.github, ...CODEOWNERS_LOCATIONS.gitlab])];
  return order.find((file) => hasFile(file));
}

/**
 * The teams a CODEOWNERS file names, in the roles gitops.yaml gives them. `files` are the
 * repository's files, used to find who owns the critical paths and most of the tree.
 */
export function teamsFromCodeowners(
  file: string,
  text: string,
  dialect: Dialect,
  files: readonly string[],
): CodeownersTeams {
  const parsed = parseCodeowners(text, dialect);
  const matcher = new CodeownersMatcher(parsed);
  const where = (rule: CodeownersRule): string => `${file}:${rule.line}`;
  const found = (owner: CodeownersOwner, rule: CodeownersRule): FoundTeam => ({
    team: owner.name,
    source: where(rule),
  });

  // The last line that owns everything decides the files no other line matches.
  const catchAllRule = matcher.rules.filter((rule) => !rule.exclusion && CATCH_ALL.has(rule.pattern)).at(-1);
  const catchAllOwner = catchAllRule?.owners.find(isTeam);
  const catchAll = catchAllRule && catchAllOwner ? found(catchAllOwner, catchAllRule) : undefined;

  /** Teams owning the probed paths, by how many of them they own, with their first deciding line. */
  const tally = (paths: readonly string[], except?: string): FoundTeam | undefined => {
    const counts = new Map<string, { count: number; first: FoundTeam }>();
    for (const probe of paths) {
      for (const match of matcher.match(probe).matches) {
        for (const owner of match.owners) {
          if (!isTeam(owner) || owner.name.toLowerCase() === except?.toLowerCase()) continue;
          const entry = counts.get(owner.name) ?? { count: 0, first: found(owner, match.rule) };
          entry.count += 1;
          counts.set(owner.name, entry);
        }
      }
    }
    let best: { count: number; first: FoundTeam } | undefined;
    for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
    return best?.first;
  };

  // A directory is probed through its files; a file (gitops.yaml need not exist yet) as it is.
  const criticalProbes = [...CRITICAL_PATHS, file].flatMap((critical) =>
    critical.endsWith('/') ? files.filter((candidate) => candidate.startsWith(critical)) : [critical],
  );
  const platform = catchAll ?? tally(criticalProbes);
  const application = catchAll ?? tally(files);

  const teams: FoundTeam[] = [];
  const members = new Set<string>();
  const note = (owner: CodeownersOwner, source: string): void => {
    if (isTeam(owner)) {
      if (!teams.some((entry) => entry.team.toLowerCase() === owner.name.toLowerCase()))
        teams.push({ team: owner.name, source });
    } else if ((owner.kind === 'user' || owner.kind === 'email') && PERSON.test(owner.name)) members.add(owner.name);
  };
  for (const rule of parsed.rules) if (rule.hasOwnOwners) for (const owner of rule.owners) note(owner, where(rule));
  for (const section of parsed.sections)
    for (const header of section.headers)
      for (const owner of header.defaultOwners) note(owner, `${file}:${header.line}`);

  const platformName = platform?.team.toLowerCase();
  return {
    file,
    infrastructure: {
      platform,
      tenants: teams.filter((entry) => entry.team.toLowerCase() !== platformName),
    },
    application: {
      application,
      platform: tally(criticalProbes, application?.team),
    },
    members: [...members],
  };
}
