/** gitops.yaml of an infrastructure repository (Flux) serving one application team, shop. */
export const SHOP_PLATFORM_DESCRIPTOR = [
  'kind: infrastructure',
  'tool: flux',
  'name: platform',
  'teams:',
  '  platform: "@acme/platform"',
  '  applications:',
  '    - name: shop',
  '      team: "@acme/shop"',
  'environments: [staging, production]',
  '',
].join('\n');
