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
