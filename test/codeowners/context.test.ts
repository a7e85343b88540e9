import { describe, expect, it } from 'vitest';
import { declaresTeams, dialectOf, hostName, loadCodeowners } from '../../src/codeowners/context.js';

type ContextView = Parameters<typeof loadCodeowners>[0];
type Descriptor = NonNullable<Parameters<typeof declaresTeams>[0]>;

/** Part of a gitops.yaml, typed as a whole one: these functions read only the fields given. */
function asDescriptor(value: object): Descriptor {
  return value as Descriptor;
}

/** A rule context's file access over files in memory (`null` content: present but unreadable). */
function context(
  files: Record<string, string | null>,
  descriptor?: Partial<Descriptor>,
): ContextView & { reads: string[] } {
  const list = Object.keys(files).sort();
  const reads: string[] = [];
  return {
    files: list,
    descriptor: descriptor as Descriptor | undefined,
    hasFile: (file) => Object.hasOwn(files, file),
    hasDirectory: (directory) => list.some((file) => file.startsWith(`${directory}/`)),
    text: (file) => {
      reads.push(file);
      return files[file] ?? undefined;
    },
    reads,
  };
}

describe('dialectOf and hostName', () => {
  it('takes the host from gitops.yaml, else GitLab when GitLab files are there, else GitHub', () => {
    expect(dialectOf(context({ '.gitlab-ci.yml': '' }, { host: 'github' }))).toBe('github');
    expect(dialectOf(context({}, { host: 'gitlab' }))).toBe('gitlab');
    expect(dialectOf(context({ '.gitlab-ci.yml': '' }))).toBe('gitlab');
    expect(dialectOf(context({ '.gitlab/merge_request_templates/x.md': '' }))).toBe('gitlab');
    expect(dialectOf(context({ 'README.md': '' }))).toBe('github');
    expect(hostName('github')).toBe('GitHub');
    expect(hostName('gitlab')).toBe('GitLab');
  });
});

describe('loadCodeowners', () => {
  it('loads the file GitHub reads, and says which others it ignores', () => {
    const loaded = loadCodeowners(
      context(
        {
          '.github/CODEOWNERS': '* @acme/platform\n',
          CODEOWNERS: '* @acme/ignored\n',
          '.gitlab/CODEOWNERS': '* @acme/gitlab\n',
          'docs/CODEOWNERS': '* @acme/ignored-too\n',
          'apps/a.yaml': '',
        },
        // A .gitlab/ directory would make the host GitLab otherwise.
        { host: 'github' },
      ),
    );
    expect(loaded).toMatchObject({
      dialect: 'github',
      path: '.github/CODEOWNERS',
      text: '* @acme/platform\n',
      location: {
        active: '.github/CODEOWNERS',
        shadowed: ['CODEOWNERS', 'docs/CODEOWNERS'],
        foreign: ['.gitlab/CODEOWNERS'],
      },
    });
    expect(loaded?.parsed.rules.map((rule) => rule.pattern)).toEqual(['*']);
    expect(loaded?.matcher.matchingRules('apps/a.yaml').map((rule) => rule.owners.map((owner) => owner.name))).toEqual([
      ['@acme/platform'],
    ]);
  });

  it('loads the root CODEOWNERS on GitLab, with GitLab syntax, never .github/CODEOWNERS', () => {
    const files = {
      '.gitlab-ci.yml': 'lint: { script: [x] }\n',
      '.github/CODEOWNERS': '* @acme/github\n',
      CODEOWNERS: '[Apps] @acme/apps\n/apps/\n',
    };
    const loaded = loadCodeowners(context(files));
    expect(loaded?.dialect).toBe('gitlab');
    expect(loaded?.path).toBe('CODEOWNERS');
    expect(loaded?.location.foreign).toEqual(['.github/CODEOWNERS']);
    expect(loaded?.parsed.sections.map((section) => section.name)).toContain('Apps');
    const onlyGithubFile = loadCodeowners(context({ '.gitlab-ci.yml': '', '.github/CODEOWNERS': '* @a\n' }));
    expect(onlyGithubFile).toBeUndefined();
  });

  it('is undefined without a CODEOWNERS file, or when it cannot be read', () => {
    expect(loadCodeowners(context({ 'README.md': '' }))).toBeUndefined();
    expect(loadCodeowners(context({ '.github/CODEOWNERS': null }))).toBeUndefined();
  });

  it('parses once per lint pass for every rule that asks, and again when the text changes', () => {
    const files: Record<string, string> = { '.github/CODEOWNERS': '* @a\n', 'x.yaml': '' };
    const view = context(files);
    const first = loadCodeowners(view);
    expect(loadCodeowners({ ...view })).toBe(first);
    files['.github/CODEOWNERS'] = '* @b\n';
    const changed = loadCodeowners(view);
    expect(changed).not.toBe(first);
    expect(changed?.text).toBe('* @b\n');
    // Another pass (another file list) starts afresh.
    expect(loadCodeowners(context({ '.github/CODEOWNERS': '* @b\n', 'x.yaml': '' }))).not.toBe(changed);
  });

  it('keeps the files of each host apart in one pass', () => {
    const files = { '.github/CODEOWNERS': '* @github\n', CODEOWNERS: '* @gitlab\n' };
    const view = context(files);
    const github = loadCodeowners({ ...view, descriptor: asDescriptor({ host: 'github' }) });
    const gitlab = loadCodeowners({ ...view, descriptor: asDescriptor({ host: 'gitlab' }) });
    expect(github?.text).toBe('* @github\n');
    expect(gitlab?.text).toBe('* @gitlab\n');
  });

  it("runs the pass's files through the matcher once, on first use", () => {
    const view = context({
      '.github/CODEOWNERS': '/apps/ @acme/apps\n',
      'apps/a.yaml': '',
      'README.md': '',
    });
    const loaded = loadCodeowners(view);
    const coverage = loaded?.coverage();
    expect(coverage?.unowned).toEqual(['.github/CODEOWNERS', 'README.md']);
    expect(loaded?.coverage()).toBe(coverage);
  });
});

describe('declaresTeams', () => {
  it('is true once gitops.yaml names a platform team, an application team, tenants or members', () => {
    expect(declaresTeams(asDescriptor({ teams: { platform: '@acme/platform' } }))).toBe(true);
    expect(declaresTeams(asDescriptor({ teams: { application: '@acme/shop' } }))).toBe(true);
    expect(declaresTeams(asDescriptor({ teams: { members: ['@alice'] } }))).toBe(true);
    expect(declaresTeams(asDescriptor({ teams: { applications: [{ name: 'shop', team: '@acme/shop' }] } }))).toBe(true);
  });

  it('is false without a descriptor, without teams, or with empty lists', () => {
    expect(declaresTeams(undefined)).toBe(false);
    expect(declaresTeams(asDescriptor({}))).toBe(false);
    expect(declaresTeams(asDescriptor({ teams: {} }))).toBe(false);
    expect(declaresTeams(asDescriptor({ teams: { applications: [], members: [] } }))).toBe(false);
  });
});
