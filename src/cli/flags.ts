import type { OptionNamer } from '../errors.js';

/**
 * The flag of each API option key that errors name (`{{option:key}}` in a message template).
 * Keys are the API's option names, the same in every command that has them.
 */
const FLAGS: Readonly<Record<string, string>> = {
  cwd: '-C <dir>',
  configFile: '--config',
  rules: '--rule',
  format: '--format',
  outputFile: '--output-file',
  maxWarnings: '--max-warnings',
  cacheLocation: '--cache-location',
  concurrency: '--concurrency',
  base: '--base',
  staged: '--staged',
  fix: '--fix',
  apiUrl: '--api-url',
  repo: '--repo',
  target: '--target',
  force: '--force',
  components: '--component',
  team: '--team',
  by: '--by',
  emergency: '--emergency',
  reason: '--reason',
  to: '--to',
  preid: '--preid',
};

/** Names an option by its flag; a key without a flag (a programming error) stays as it is. */
export const flagName: OptionNamer = (option) => FLAGS[option] ?? option;
