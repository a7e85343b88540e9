import { describe, expect, it } from 'vitest';
import { parseDescriptor } from '../../src/config/descriptor.js';
import {
  accessPolicy,
  declaredAccessPolicy,
  describeAccessItem,
  diffAccess,
  type LiveAccess,
} from '../../src/protection/access.js';
import { settingsAccess } from '../../src/protection/files.js';
import { liveGrant } from '../../src/protection/github-access.js';

const application = `kind: application
tool: argocd
name: payments
teams:
  platform: "@acme/platform"
  application: "@acme/payments"
access:
  collaborators:
    "@Contractor": push
`;
const policy = accessPolicy(parseDescriptor('gitops.yaml', application).descriptor);

const flags = (level: number) =>
  Object.fromEntries(['pull', 'triage', 'push', 'maintain', 'admin'].map((role, index) => [role, index <= level]));

describe('live grants as GitHub reports them', () => {
  it('reads a team by its permission and a collaborator by the permissions booleans', () => {
    expect(liveGrant('@acme/platform', 'maintain', flags(3), 'team')).toEqual({
      principal: '@acme/platform',
      permission: 'maintain',
    });
    // role_name is the highest of all the person's grants: their own role is in the booleans.
    expect(liveGrant('@alice', 'admin', flags(2), 'collaborator')).toEqual({ principal: '@alice', permission: 'push' });
    expect(liveGrant('@bob', 'read', flags(0), 'collaborator')).toEqual({ principal: '@bob', permission: 'pull' });
  });

  it('names a custom role and ranks it by its base role', () => {
    expect(liveGrant('@acme/deployers', 'deployer', flags(2), 'team')).toEqual({
      principal: '@acme/deployers',
      permission: 'push',
      customRole: 'deployer',
    });
    expect(liveGrant('@carol', 'security-reviewer', flags(0), 'collaborator')).toMatchObject({
      permission: 'pull',
      customRole: 'security-reviewer',
    });
  });
});

describe('the access diff', () => {
  it('names everyone with less or more access than the policy, and nothing when in sync', () => {
    const live: LiveAccess = {
      teams: [
        { principal: '@acme/payments', permission: 'push' },
        { principal: '@acme/platform', permission: 'push' },
        { principal: '@acme/orders', permission: 'pull' },
      ],
      collaborators: [
        { principal: '@contractor', permission: 'admin' },
        { principal: '@mallory', permission: 'triage', outside: true },
      ],
    };
    const items = diffAccess(policy, live, 'acme');
    // The policy's teams, the other teams, the policy's people, the other people.
    expect(items.map((item) => `${item.status} ${describeAccessItem(item)}`)).toEqual([
      'in-sync team @acme/payments: live push, policy push',
      'below team @acme/platform: live push, policy maintain',
      'extra team @acme/orders: live pull, policy none',
      'above collaborator @Contractor: live admin, policy push',
      'extra outside collaborator @mallory: live triage, policy none',
    ]);
    expect(
      diffAccess(
        policy,
        {
          teams: [
            { principal: '@acme/platform', permission: 'maintain' },
            { principal: '@acme/payments', permission: 'push' },
          ],
          collaborators: [{ principal: '@contractor', permission: 'push' }],
        },
        'acme',
      ).every((item) => item.status === 'in-sync'),
    ).toBe(true);
  });

  it('reports a team the policy grants and GitHub does not have as missing, and a custom role as above', () => {
    const items = diffAccess(
      policy,
      { teams: [{ principal: '@acme/payments', permission: 'push', customRole: 'deployer' }], collaborators: [] },
      'acme',
    );
    expect(items.map((item) => [item.principal, item.status, item.actual])).toEqual([
      ['@acme/payments', 'above', 'deployer'],
      ['@acme/platform', 'missing', 'none'],
      ['@Contractor', 'missing', 'none'],
    ]);
  });

  it("matches a policy team only in the repository's organisation", () => {
    const other = accessPolicy({ kind: 'application', teams: { platform: '@other/platform' } });
    const [item] = diffAccess(
      other,
      { teams: [{ principal: '@acme/platform', permission: 'maintain' }], collaborators: [] },
      'acme',
    );
    expect(item).toMatchObject({ principal: '@other/platform', status: 'missing' });
  });
});

describe('the access policy in settings.yml', () => {
  it("is written as safe-settings' teams (slug) and collaborators (username)", () => {
    expect(settingsAccess(policy)).toEqual({
      teams: [
        { name: 'payments', permission: 'push' },
        { name: 'platform', permission: 'maintain' },
      ],
      collaborators: [{ username: 'Contractor', permission: 'push' }],
    });
  });

  it('is left out when gitops.yaml names no team and has no access section', () => {
    expect(declaredAccessPolicy({ kind: 'infrastructure' })).toBeUndefined();
    expect(declaredAccessPolicy({ kind: 'infrastructure', access: { teams: {} } })).toEqual({
      teams: [],
      collaborators: [],
    });
  });
});
