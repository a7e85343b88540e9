import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  GitopsError,
  InternalError,
  isGitopsError,
  nameOptions,
  RefusedError,
  UsageError,
} from '../src/errors.js';
import { flagName } from '../src/cli/flags.js';

describe('errors', () => {
  it('name an option by its key for API callers and by its flag in the CLI', () => {
    const error = new UsageError('{{option:configFile}} "x.yaml": file not found; give the path of a gitops.yaml');
    expect(error.message).toBe('configFile "x.yaml": file not found; give the path of a gitops.yaml');
    expect(error.describe(flagName)).toBe('--config "x.yaml": file not found; give the path of a gitops.yaml');
    expect(error.optionKeys).toEqual(['configFile']);
    expect(error.template).toContain('{{option:configFile}}');
  });

  it('list every option a message names, in order, and leave other braces alone', () => {
    const error = new UsageError('{{option:fix}} cannot be used with {{option:staged}}; {{not an option}}');
    expect(error.optionKeys).toEqual(['fix', 'staged']);
    expect(error.message).toBe('fix cannot be used with staged; {{not an option}}');
    expect(nameOptions('{{option:answers.org}} is required', (key) => `<${key}>`)).toBe('<answers.org> is required');
  });

  it('carry a stable code and the exit status the CLI uses', () => {
    const cause = new Error('inner');
    expect(new UsageError('u', { cause })).toMatchObject({ code: 'USAGE', exitCode: 2, cause, name: 'UsageError' });
    expect(new UsageError('u', { code: 'USAGE_PATH' })).toMatchObject({ code: 'USAGE_PATH', exitCode: 2 });
    expect(new ConfigError('c', [{ file: 'gitops.yaml', line: 3, message: 'm' }])).toMatchObject({
      code: 'CONFIG',
      exitCode: 2,
      problems: [{ file: 'gitops.yaml', line: 3, message: 'm' }],
    });
    expect(new RefusedError('r')).toMatchObject({ code: 'REFUSED', exitCode: 1 });
    expect(new InternalError('i')).toMatchObject({ code: 'INTERNAL', exitCode: 2 });
    expect(new GitopsError('CUSTOM', 'g', { exitCode: 1 })).toMatchObject({ code: 'CUSTOM', exitCode: 1 });
    expect(isGitopsError(new RefusedError('r'))).toBe(true);
    expect(isGitopsError(new Error('plain'))).toBe(false);
  });
});
