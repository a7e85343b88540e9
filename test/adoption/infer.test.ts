import { describe, expect, it } from 'vitest';
import { findEnvironments } from '../../src/adoption/environments.js';
import { parseRemoteUrl } from '../../src/adoption/remote.js';
import { planInit, type InitPlan } from '../../src/api/init.js';
import { temporaryTrees } from '../helpers/trees.js';
import { adoptionCopies } from './helpers.js';

const copy = adoptionCopies();
const tree = temporaryTrees();

/** Each inferred answer as `value <- sources`, the way `init` shows it. */
function decided(plan: InitPlan): Record<string, string> {
  const shown: Record<string, string> = {};
  const entries = {
    ...plan.answers,
    repositoryUrl: plan.adoption.repositoryUrl,
    namespaces: plan.adoption.namespaces,
    workloads: plan.adoption.workloadNamespaces,
  };
  for (const [key, answer] of Object.entries(entries)) {
    if (answer === undefined) continue;
    const value = Array.isArray(answer.value) ? answer.value.join(',') : String(answer.value);
    shown[key] = `${value} <- ${answer.sources.join(' ')}`;
  }
  return shown;
}

function layout(plan: InitPlan): string[] {
  const kind = plan.answers.kind?.value ?? 'infrastructure';
  const tool = plan.answers.tool?.value ?? 'flux';
  return plan.adoption.layouts[`${kind}/${tool}`].value;
}

describe('what init infers from repositories of each tool and kind, and the files that decide it', () => {
  it('a Flux monorepo of a cluster and its apps (flux2-kustomize-helm-example layout): infrastructure, from the bootstrap', async () => {
    const plan = await planInit({ cwd: copy('flux-monorepo') });
    expect(decided(plan)).toEqual({
      tool: 'flux <- apps/base/podinfo/release.yaml',
      kind: 'infrastructure <- clusters/production/flux-system/gotk-sync.yaml',
      // No origin: the URL Flux was bootstrapped from names the repository.
      name: 'fleet <- clusters/production/flux-system/gotk-sync.yaml',
      org: 'example-org <- clusters/production/flux-system/gotk-sync.yaml',
      host: 'github <- clusters/production/flux-system/gotk-sync.yaml',
      repositoryUrl: 'https://github.com/example-org/fleet.git <- clusters/production/flux-system/gotk-sync.yaml',
      envs: 'staging,production <- clusters/staging/ clusters/production/',
      namespaces:
        'cert-manager,flux-system,ingress-nginx,podinfo <- apps/base/podinfo/kustomization.yaml clusters/production/apps.yaml infrastructure/controllers/cert-manager.yaml infrastructure/controllers/ingress-nginx.yaml',
    });
    expect(plan.answers.kind?.reason).toMatch(/bootstrap \(flux-system\)/);
    expect(layout(plan)).toEqual([
      'gitops.yaml',
      'README.md',
      'CHANGELOG.md',
      'VERSION',
      'clusters/',
      'infrastructure/',
      'apps/',
    ]);
  });

  it('a Flux multi-tenancy platform: infrastructure with a tenants/ layout', async () => {
    const plan = await planInit({ cwd: copy('flux-multi-tenancy') });
    expect(plan.answers.tool?.value).toBe('flux');
    expect(plan.answers.kind?.value).toBe('infrastructure');
    expect(plan.answers.kind?.sources).toEqual(['clusters/staging/flux-system/gotk-sync.yaml']);
    expect(plan.answers.envs?.value).toEqual(['staging']);
    expect(layout(plan)).toEqual([
      'gitops.yaml',
      'README.md',
      'CHANGELOG.md',
      'VERSION',
      'clusters/',
      'infrastructure/',
      'tenants/',
    ]);
  });

  it('an Argo CD monorepo of clusters and teams: teams from CODEOWNERS, URL and host from origin (ssh made https)', async () => {
    const plan = await planInit({ cwd: copy('argocd-monorepo', { remote: 'git@github.com:acme/fleet.git' }) });
    expect(decided(plan)).toEqual({
      tool: 'argocd <- clusters/production/apps/checkout.yaml',
      kind: 'infrastructure <- clusters/production/apps/checkout.yaml',
      name: 'fleet <- git remote origin',
      org: 'acme <- git remote origin',
      host: 'github <- git remote origin',
      repositoryUrl: 'https://github.com/acme/fleet.git <- git remote origin',
      envs: 'staging,production <- apps/checkout/overlays/staging/ apps/checkout/overlays/production/',
      platformTeam: '@acme/platform <- .github/CODEOWNERS:2',
      appTeams: '@acme/checkout,@acme/search <- .github/CODEOWNERS:3 .github/CODEOWNERS:4',
      namespaces:
        'argocd,checkout-production,checkout-staging,ingress-nginx,search <- apps/checkout/overlays/production/kustomization.yaml apps/checkout/overlays/staging/kustomization.yaml apps/search/base/kustomization.yaml infrastructure/ingress-nginx/kustomization.yaml clusters/production/root.yaml',
      workloads:
        'default,ingress-nginx,search <- apps/checkout/base/deployment.yaml apps/search/base/deployment.yaml infrastructure/ingress-nginx/deployment.yaml',
    });
    expect(plan.answers.kind?.reason).toBe("a cluster's entry point (clusters/production/)");
  });

  it('an Argo CD app-of-apps platform: infrastructure, from its AppProjects', async () => {
    const plan = await planInit({ cwd: copy('argocd-app-of-apps') });
    expect(plan.answers.tool?.value).toBe('argocd');
    expect(plan.answers.kind?.value).toBe('infrastructure');
    expect(plan.answers.kind?.sources).toEqual(['projects/checkout.yaml']);
    expect(plan.answers.kind?.reason).toMatch(/AppProject/);
    expect(plan.adoption.workloadNamespaces?.value).toEqual(['ingress-nginx', 'monitoring']);
  });

  it('a Helm platform on GitLab: infrastructure from a cluster-scoped kind in a chart template, tenants from a section', async () => {
    const plan = await planInit({
      cwd: copy('helm-platform', { remote: 'https://gitlab.example.com/acme/platform-charts.git' }),
    });
    expect(decided(plan)).toEqual({
      tool: 'helm <- charts/cluster-issuers/Chart.yaml',
      kind: 'infrastructure <- charts/cluster-issuers/templates/clusterissuer.yaml',
      name: 'platform-charts <- git remote origin',
      org: 'acme <- git remote origin',
      host: 'gitlab <- git remote origin',
      repositoryUrl: 'https://gitlab.example.com/acme/platform-charts.git <- git remote origin',
      envs: 'staging,production <- charts/ingress/values-staging.yaml charts/ingress/values-production.yaml',
      platformTeam: '@acme/platform <- .gitlab/CODEOWNERS:2',
      appTeams: '@acme/observability <- .gitlab/CODEOWNERS:4',
    });
    expect(plan.answers.kind?.reason).toBe('a cluster-scoped ClusterIssuer (cert-manager.io)');
  });

  it('a Flux application: its namespaces and teams; an https origin loses its credentials', async () => {
    const plan = await planInit({
      cwd: copy('flux-app', { remote: 'https://x-access-token:ghp_not-a-token@github.com/acme/payments.git' }),
    });
    expect(decided(plan)).toEqual({
      tool: 'flux <- deploy/flux/dev.yaml',
      kind: 'application <- deploy/base/deployment.yaml',
      name: 'payments <- git remote origin',
      org: 'acme <- git remote origin',
      host: 'github <- git remote origin',
      repositoryUrl: 'https://github.com/acme/payments.git <- git remote origin',
      envs: 'dev,staging,production <- deploy/overlays/dev/ deploy/overlays/staging/ deploy/overlays/production/',
      platformTeam: '@acme/platform <- CODEOWNERS:2',
      appTeams: '@acme/payments <- CODEOWNERS:1',
      namespaces:
        'payments-dev,payments-production,payments-staging <- deploy/overlays/dev/kustomization.yaml deploy/overlays/production/kustomization.yaml deploy/overlays/staging/kustomization.yaml',
      // As no-workloads-in-infrastructure sees the base (for the infrastructure kind only).
      workloads: 'default <- deploy/base/deployment.yaml',
    });
    expect(plan.adoption.codeowners?.members).toEqual(['@alice-sre']);
    expect(JSON.stringify(plan)).not.toContain('ghp_not-a-token');
    expect(layout(plan)).toEqual([
      'gitops.yaml',
      'README.md',
      'CHANGELOG.md',
      'VERSION',
      'deploy/base/kustomization.yaml',
    ]);
  });

  it('a Helm chart application: helm and application from its one chart', async () => {
    const plan = await planInit({ cwd: copy('helm-chart-app') });
    expect(decided(plan)).toEqual({
      tool: 'helm <- chart/Chart.yaml',
      kind: 'application <- chart/Chart.yaml',
      name: 'helm-chart-app <- ',
      envs: 'production <- chart/values-production.yaml',
    });
    expect(layout(plan)).toEqual(['gitops.yaml', 'README.md', 'CHANGELOG.md', 'VERSION', 'chart/Chart.yaml']);
  });

  it('an application of plain kustomize overlays: no file names the tool, one application across environments', async () => {
    const plan = await planInit({ cwd: copy('app-argocd') });
    expect(plan.answers.tool).toBeUndefined();
    expect(plan.answers.kind?.value).toBe('application');
    expect(plan.answers.kind?.sources).toEqual(['deploy/base/deployment.yaml']);
    // checkout-dev and checkout-production are one application's namespaces, not two tenants.
    expect(plan.adoption.namespaces?.value).toEqual(['checkout-dev', 'checkout-production']);
    expect(plan.answers.envs?.value).toEqual(['dev', 'production']);
  });

  it('both Flux and Argo CD: the majority, and says so', async () => {
    const flux = (name: string): string =>
      `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ./${name}\n`;
    const root = tree({
      'clusters/prod/apps.yaml': flux('apps'),
      'clusters/prod/infra.yaml': flux('infra'),
      'argocd/app.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: legacy\n  namespace: argocd\nspec:\n  project: legacy\n',
    });
    const plan = await planInit({ cwd: root });
    expect(plan.answers.tool?.value).toBe('flux');
    expect(plan.answers.tool?.sources).toEqual(['clusters/prod/apps.yaml']);
    expect(plan.answers.tool?.reason).toBe(
      'both Flux (2 objects) and Argo CD (1 object) are here: chose Flux, the majority',
    );
    expect(plan.answers.envs?.value).toEqual(['prod']);
  });

  it('an Argo CD app of apps rendered by a Helm chart (argocd-example-apps layout): argocd and infrastructure', async () => {
    const root = tree({
      'apps/Chart.yaml': 'apiVersion: v2\nname: apps\nversion: 1.0.0\n',
      'apps/values.yaml': 'applications:\n  - name: guestbook\n',
      'apps/templates/applications.yaml':
        '{{- range .Values.applications }}\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{ .name }}\n  namespace: argocd\nspec:\n  project: default\n---\n{{ end -}}\n',
      'guestbook/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: guestbook\nspec:\n  template:\n    spec:\n      containers:\n        - name: ui\n          image: example/guestbook:0.2\n',
    });
    const plan = await planInit({ cwd: root });
    expect(plan.answers.tool?.value).toBe('argocd');
    expect(plan.answers.tool?.sources).toEqual(['apps/templates/applications.yaml']);
    expect(plan.answers.kind?.value).toBe('infrastructure');
    expect(plan.answers.kind?.reason).toMatch(/app of apps/);
  });

  it('makejinja templates (onedr0p cluster-template layout): the kinds of .yaml.j2 files count', async () => {
    const root = tree({
      'template/config/kubernetes/flux/cluster/ks.yaml.j2':
        '---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: cluster-apps\n  namespace: flux-system\nspec:\n  path: ./kubernetes/apps\n  #% if cluster.enabled %#\n  prune: true\n  #% endif %#\n',
      'template/config/kubernetes/apps/cert-manager/issuer.yaml.j2':
        'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme:\n    email: "#{ email }#"\n',
      'makejinja.toml': '[makejinja]\ninputs = ["./template/config"]\n',
    });
    const plan = await planInit({ cwd: root });
    expect(plan.answers.tool?.value).toBe('flux');
    expect(plan.answers.tool?.sources).toEqual(['template/config/kubernetes/flux/cluster/ks.yaml.j2']);
    expect(plan.answers.kind?.value).toBe('infrastructure');
    expect(plan.adoption.scanned.templates).toBe(2);
  });

  it('an application repository on GitLab: the host from where CODEOWNERS sits, the teams from its lines', async () => {
    const root = tree({
      '.gitlab/CODEOWNERS': '* @shop/cart\n/gitops.yaml @shop/platform @shop/cart\n',
      'deploy/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\n  namespace: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: cart\n          image: example/cart:1.0.0\n',
    });
    const plan = await planInit({ cwd: root });
    expect(plan.answers.host?.value).toBe('gitlab');
    expect(plan.answers.host?.sources).toEqual(['.gitlab/CODEOWNERS']);
    expect(plan.answers.kind?.value).toBe('application');
    expect(plan.answers.appTeams?.value).toEqual(['@shop/cart']);
    expect(plan.answers.platformTeam?.value).toBe('@shop/platform');
    expect(plan.answers.org?.value).toBe('shop');
    expect(plan.adoption.namespaces?.value).toEqual(['cart']);
  });
});

describe('environments from the layout', () => {
  it('orders known names in promotion order and the others after, alphabetically', () => {
    const files = [
      'clusters/production/a.yaml',
      'clusters/zeta/a.yaml',
      'overlays/qa/kustomization.yaml',
      'deploy/overlays/dev/kustomization.yaml',
      'envs/alpha/x.yaml',
      'environments/staging/values.yaml',
      'chart/values-test.yaml',
      'overlays/base/kustomization.yaml',
      'clusters/components/a.yaml',
    ];
    expect(findEnvironments(files).map((environment) => environment.name)).toEqual([
      'dev',
      'test',
      'qa',
      'staging',
      'production',
      'alpha',
      'zeta',
    ]);
  });

  it('takes a values file only when it names a known environment', () => {
    expect(findEnvironments(['chart/values-nomaria.yaml', 'chart/values.prod.yaml'])).toEqual([
      { name: 'prod', source: 'chart/values.prod.yaml' },
    ]);
  });
});

describe('clone URLs', () => {
  it.each([
    ['git@github.com:acme/fleet.git', 'https://github.com/acme/fleet.git', 'github', 'acme', 'fleet'],
    ['ssh://git@github.com:22/acme/fleet', 'https://github.com/acme/fleet.git', 'github', 'acme', 'fleet'],
    [
      'https://user:secret@gitlab.com/acme/infra/fleet.git',
      'https://gitlab.com/acme/infra/fleet.git',
      'gitlab',
      'acme',
      'fleet',
    ],
    ['https://git.example.com/acme/fleet', 'https://git.example.com/acme/fleet.git', undefined, 'acme', 'fleet'],
  ])('%s', (remote, url, host, owner, name) => {
    expect(parseRemoteUrl(remote)).toMatchObject({ url, host, owner, name });
  });

  it.each(['/srv/git/fleet', '../fleet', 'file:///srv/git/fleet.git', 'C:\\repos\\fleet'])(
    'a local path names no hosted repository: %s',
    (remote) => {
      expect(parseRemoteUrl(remote)).toBeUndefined();
    },
  );
});
