import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  GitopsError,
  InternalError,
  isGitopsError,
  nameOptions,
  oneLine,
  quote,
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

  it('quote values with control characters, quotes and backslashes escaped, so that a message stays one line', () => {
    expect(quote('json\nx')).toBe('"json\\nx"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('\r\t\u001b[31m\u009b\u2028')).toBe('"\\r\\t\\u001b[31m\\u009b\\u2028"');
    expect(oneLine('a\nb')).toBe('a\\nb');
  });

  it('escape the control characters of the values in a message, and keep the lines of a list of problems', () => {
    const error = new UsageError('{{option:format}} "json\nx": unknown \u001b[2K\n{{option:rules}} "a": bad');
    expect(error.message).toBe('format "json\\nx": unknown \\u001b[2K\nrules "a": bad');
    expect(error.describe(flagName)).toBe('--format "json\\nx": unknown \\u001b[2K\n--rule "a": bad');
  });
});
