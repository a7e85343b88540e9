import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import type { RuleEntry } from '../../src/config/descriptor.js';
import { rules } from '../../rules/index.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

/** The security, boundary, schema and reference rules of issue 6. */
export const BOUNDARY_RULES = [
  'argocd-project-restricted',
  'flux-tenant-isolation',
  'gitops-path-exists',
  'manifest-schema',
  'namespace-allowed',
  'no-cluster-scoped-in-application',
  'no-plaintext-secrets',
  'no-workloads-in-infrastructure',
] as const;

function only(ids: readonly string[]): Record<string, RuleEntry> {
  return Object.fromEntries(rules.map((rule) => [rule.id, ids.includes(rule.id) ? 'error' : 'off']));
}

describe('the boundary rules on repositories shaped like public GitOps examples', () => {
  const cases: { fixture: string; notices: string[] }[] = [
    {
      fixture: 'flux-monorepo',
      notices: [
        'manifest-schema: 1 object(s) of 1 kind(s) have no known schema and were not validated: cert-manager.io/v1 ClusterIssuer; add their CustomResourceDefinitions to the repository to check them',
      ],
    },
    {
      fixture: 'flux-multi-tenancy',
      notices: [
        'manifest-schema: 1 object(s) of 1 kind(s) have no known schema and were not validated: kyverno.io/v1 ClusterPolicy; add their CustomResourceDefinitions to the repository to check them',
      ],
    },
    { fixture: 'argocd-app-of-apps', notices: [] },
    { fixture: 'helm-chart-app', notices: [] },
    { fixture: 'app-argocd', notices: [] },
  ];
  for (const { fixture, notices } of cases) {
    it(`${fixture}: no findings on valid content`, async () => {
      const report = await lint({ cwd: path.join(fixtures, fixture), rules: only(BOUNDARY_RULES) });
      expect(report.diagnostics.map((d) => `${d.file}:${d.line ?? 0} ${d.ruleId ?? ''} ${d.message}`)).toEqual([]);
      expect(report.notices).toEqual(notices);
    });
  }
});
