import { describe, expect, it } from 'vitest';
import gitlab from '../../src/formatters/gitlab.js';
import { context, makeCwd, message, result, sampleResults } from './fixtures.js';

const cwd = makeCwd();

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

const parse = (text: string): Issue[] => JSON.parse(text) as Issue[];

describe('gitlab', () => {
  it('writes a Code Quality issue per message with relative paths and GitLab severities', () => {
    const issues = parse(gitlab(sampleResults(cwd), context(cwd)));
    expect(
      issues.map(({ description, check_name, severity, location }) => ({
        description,
        check_name,
        severity,
        location,
      })),
    ).toEqual([
      {
        description: 'Duplicate key "name".',
        check_name: 'yaml-syntax',
        severity: 'major',
        location: { path: 'apps/[id]/kustomization.yaml', lines: { begin: 3 } },
      },
      {
        description: 'Unused gitops-lint-disable directive (no problems were reported from "yaml-syntax")',
        check_name: 'gitops-init-engine',
        severity: 'minor',
        location: { path: 'apps/[id]/kustomization.yaml', lines: { begin: 12 } },
      },
      {
        description: 'Key "a:b,c" holds 100% plain text\nsee docs',
        check_name: 'no-plain-secrets',
        severity: 'minor',
        location: { path: 'apps/my app/values.yaml', lines: { begin: 7 } },
      },
      {
        description: 'Missing "CHANGELOG.md"',
        check_name: 'required-paths',
        severity: 'major',
        location: { path: 'README.md', lines: { begin: 1 } },
      },
      {
        description: 'Missing "CHANGELOG.md"',
        check_name: 'required-paths',
        severity: 'major',
        location: { path: 'README.md', lines: { begin: 1 } },
      },
    ]);
    expect(Object.keys(issues[0] ?? {})).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
  });

  it('gives unique fingerprints that survive line moves and change with the message', () => {
    const before = parse(gitlab(sampleResults(cwd), context(cwd))).map((issue) => issue.fingerprint);
    for (const fingerprint of before) expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(before).size).toBe(before.length);

    const moved = sampleResults(cwd).map((r) => ({
      ...r,
      messages: r.messages.map((m) => ({ ...m, line: m.line + 7, column: m.column + 1 })),
    }));
    expect(parse(gitlab(moved, context(cwd))).map((issue) => issue.fingerprint)).toEqual(before);

    // The nth identical finding keeps its fingerprint whatever order the messages come in.
    const reversed = sampleResults(cwd).map((r) => ({ ...r, messages: [...r.messages].reverse() }));
    expect(new Set(parse(gitlab(reversed, context(cwd))).map((issue) => issue.fingerprint))).toEqual(new Set(before));

    const reworded = parse(
      gitlab([result(cwd, 'README.md', [message({ message: 'Missing "VERSION"' })])], context(cwd)),
    );
    expect(before).not.toContain(reworded[0]?.fingerprint);
  });

  it('writes an empty array when there are no messages, and line 1 for a finding without one', () => {
    expect(gitlab([], context(cwd))).toBe('[]');
    expect(
      parse(gitlab([result(cwd, 'a.yaml', [message({ message: 'm', line: 0, column: 0 })])], context(cwd)))[0]
        ?.location,
    ).toEqual({
      path: 'a.yaml',
      lines: { begin: 1 },
    });
  });
});
