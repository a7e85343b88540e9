import { describe, expect, it } from 'vitest';
import descriptorSchema from '../../src/config/gitops.schema.json' with { type: 'json' };
import { cli } from '../helpers/cli.js';
import { temporaryTrees } from '../helpers/trees.js';

const tree = temporaryTrees();

async function lintDescriptor(descriptor: string): Promise<{ code: number; lines: string[] }> {
  const cwd = tree({ 'gitops.yaml': descriptor });
  const run = await cli(['lint'], { cwd });
  return { code: run.code, lines: run.stderr.trim().split('\n') };
}

describe('gitops.yaml schema messages', () => {
  it('says what every pattern of the descriptor schema means, so that no message shows a regular expression', () => {
    const unexplained: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record.pattern === 'string' && typeof record.patternErrorMessage !== 'string') unexplained.push(where);
      for (const [key, value] of Object.entries(record)) walk(value, `${where}/${key}`);
    };
    walk(descriptorSchema, '#');
    expect(unexplained).toEqual([]);
  });

  it('names the field, the value and what it should be, at its line', async () => {
    const run = await lintDescriptor(
      'kind: application\ntool: helm\nname: "Bad Name!"\nteams:\n  platform: acme-platform\n',
    );
    expect(run.code).toBe(2);
    expect(run.lines).toEqual([
      'gitops-init: gitops.yaml does not match the descriptor schema:',
      '  gitops.yaml:3:7: "name" is "Bad Name!", not a name (a DNS label: lowercase letters, digits and dashes, starting and ending with a letter or digit)',
      '  gitops.yaml:5:13: "teams.platform" is "acme-platform", not a team (@org/team)',
    ]);
    expect(run.lines.join('\n')).not.toMatch(/\^|\$"/);
  });

  it('names a property that is not a valid name with what names may be', async () => {
    const run = await lintDescriptor('kind: application\ntool: helm\nname: shop\nrules:\n  Not_A_Rule: off\n');
    expect(run.code).toBe(2);
    expect(run.lines[1]).toBe(
      '  gitops.yaml:5:15: "rules" has "Not_A_Rule", not a rule id (lowercase words joined by dashes)',
    );
  });
});
