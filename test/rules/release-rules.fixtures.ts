/** Shared pieces of release manifests for the release rules' tests. */
export const infra =
  'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n  applications:\n    - name: shop\n      team: "@acme/shop"\n';

export function manifest(fields: string): string {
  return `release:\n${fields
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')}\n`;
}

/** An infrastructure repository with two tenants: releases are per application. */
export const tenants =
  'kind: infrastructure\ntool: flux\nname: platform\nteams:\n  platform: "@acme/platform"\n  applications:\n    - name: payments\n      team: "@acme/payments"\n    - name: orders\n      team: "@acme/orders"\n';

/** A release of one application's line: releases/<app>/release-<app version>-<infra version>.yaml. */
export function lineRelease(
  app: string,
  appVersion: string,
  infraVersion: string,
  extra = '',
  suffix = '',
): Record<string, string> {
  return {
    [`releases/${app}/release-${appVersion}-${infraVersion}${suffix}.yaml`]: manifest(
      `name: release-${app}-${appVersion}-${infraVersion}${suffix}\napplication: ${app}\napplication_version: ${appVersion}\ninfrastructure_version: ${infraVersion}\napplication_team: "@acme/${app}"\n${extra}`,
    ),
  };
}
