import { describe, expect, it } from 'vitest';
import { parseDescriptor } from '../../src/config/descriptor.js';
import { ConfigError } from '../../src/errors.js';
import {
  PERMISSIONS,
  accessFloorProblems,
  accessPolicy,
  canWrite,
  gitlabAccessLevel,
  permissionOfGitlabLevel,
  splitTeam,
} from '../../src/protection/access.js';
import gitopsSchema from '../../src/config/gitops.schema.json' with { type: 'json' };

const infrastructure = `kind: infrastructure
tool: flux
name: platform
teams:
  platform: "@acme/platform"
  applications:
    - name: payments
      team: "@acme/payments"
    - name: orders
      team: "@acme/orders"
`;
const application = `kind: application
tool: argocd
name: payments
teams:
  platform: "@acme/platform"
  application: "@acme/payments"
`;

const descriptorOf = (text: string) => parseDescriptor('gitops.yaml', text).descriptor;
const grants = (text: string) =>
  accessPolicy(descriptorOf(text)).teams.map((grant) => `${grant.team}=${grant.permission}/${grant.source}`);

describe('the access policy', () => {
  it('lists the permissions the schema allows, lowest first, none aside', () => {
    expect(['none', ...PERMISSIONS]).toEqual(gitopsSchema.definitions.accessPermission.enum);
    expect(PERMISSIONS.filter(canWrite)).toEqual(['push', 'maintain', 'admin']);
  });

  it('gives an infrastructure repository to the platform team and read access to the tenants', () => {
    expect(grants(infrastructure)).toEqual([
      '@acme/platform=maintain/default',
      '@acme/payments=pull/default',
      '@acme/orders=pull/default',
    ]);
    expect(accessFloorProblems(descriptorOf(infrastructure))).toEqual([]);
  });

  it('gives an application repository to its team, the platform team keeping maintain', () => {
    expect(grants(application)).toEqual(['@acme/payments=push/default', '@acme/platform=maintain/default']);
    expect(accessFloorProblems(descriptorOf(application))).toEqual([]);
  });

  it('applies gitops.yaml entries over the defaults: change, add, take away with none', () => {
    const text = `${infrastructure}access:
  teams:
    "@acme/payments": triage
    "@acme/orders": none
    "@acme/sre": pull
  collaborators:
    "@auditor": pull
`;
    expect(grants(text)).toEqual([
      '@acme/platform=maintain/default',
      '@acme/payments=triage/descriptor',
      '@acme/sre=pull/descriptor',
    ]);
    expect(accessPolicy(descriptorOf(text)).collaborators).toEqual([
      { login: '@auditor', permission: 'pull', source: 'descriptor' },
    ]);
    expect(accessFloorProblems(descriptorOf(text))).toEqual([]);
  });

  it('reports write access for anyone but the platform team on an infrastructure repository', () => {
    const text = `${infrastructure}access:
  teams:
    "@acme/payments": push
    "@acme/platform": pull
  collaborators:
    "@contractor": maintain
`;
    const problems = accessFloorProblems(descriptorOf(text));
    expect(problems.map((problem) => `${problem.section} ${problem.principal} ${problem.permission}`)).toEqual([
      'teams @acme/platform pull',
      'teams @acme/payments push',
      'collaborators @contractor maintain',
    ]);
    expect(problems[1]?.message).toBe(
      '@acme/payments has push on the infrastructure repository; only the platform team writes there (pull or triage at most)',
    );
  });

  it('reports another team writing, or admin, on an application repository', () => {
    const text = `${application}access:
  teams:
    "@acme/orders": push
    "@acme/payments": admin
    "@acme/platform": none
`;
    expect(accessFloorProblems(descriptorOf(text)).map((problem) => problem.message)).toEqual([
      'the platform team @acme/platform has none on this application repository; it keeps maintain or admin',
      '@acme/orders has push on @acme/payments repository; only the application team and the platform team write there',
      '@acme/payments has admin, which can turn the branch protection off; maintain is the most an application team needs',
    ]);
  });

  it('refuses a malformed access section, naming the line and the problem', () => {
    const problemsOf = (text: string): string[] => {
      try {
        descriptorOf(text);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.line}: ${problem.message}`);
        throw error;
      }
      return [];
    };
    expect(problemsOf(`${application}access:\n  teams:\n    "@acme/payments": write\n`).join('\n')).toMatch(
      /^9: "access.teams.@acme\/payments" must be one of "none", "pull"/,
    );
    expect(problemsOf(`${application}access:\n  collaborators:\n    octocat: push\n`).join('\n')).toMatch(
      /^9: .*not a login/,
    );
  });

  it('maps permissions to GitLab access levels and back', () => {
    expect(PERMISSIONS.map(gitlabAccessLevel)).toEqual([20, 20, 30, 40, 40]);
    expect([10, 20, 30, 40, 50].map(permissionOfGitlabLevel)).toEqual(['pull', 'pull', 'push', 'maintain', 'admin']);
    expect(splitTeam('@Acme/Platform-Team')).toEqual({ org: 'Acme', slug: 'platform-team' });
  });
});
