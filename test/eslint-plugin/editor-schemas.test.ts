import { readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import descriptorSchema from '../../src/config/gitops.schema.json' with { type: 'json' };
import releaseSchema from '../../src/release/release.schema.json' with { type: 'json' };
import { REPO_ROOT } from '../helpers/cli.js';

const EDITORS = readFileSync(path.join(REPO_ROOT, 'docs/editors.md'), 'utf8');

/** The JSON code blocks of docs/editors.md, parsed. */
function jsonBlocks(): unknown[] {
  return [...EDITORS.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? '') as unknown);
}

describe('editor schema settings in docs/editors.md', () => {
  const files = {
    [descriptorSchema.$id]: ['gitops.yaml', 'gitops.yml'],
    [releaseSchema.$id]: ['releases/release-1.2.0-2.0.0.yaml'],
  };

  it('maps yaml.schemas to the published schemas, matching the files gitops-init writes', () => {
    const settings = jsonBlocks().find(
      (block): block is { 'yaml.schemas': Record<string, string[]> } =>
        typeof block === 'object' && block !== null && 'yaml.schemas' in block,
    );
    expect(Object.keys(settings?.['yaml.schemas'] ?? {})).toEqual(Object.keys(files));
    for (const [url, names] of Object.entries(files)) {
      const isMatch = picomatch(settings?.['yaml.schemas'][url] ?? []);
      for (const name of names) expect(isMatch(name), `${name} for ${url}`).toBe(true);
    }
  });

  it('gives SchemaStore catalog entries with the same URLs and file patterns that match', () => {
    const catalog = jsonBlocks().find((block): block is { fileMatch: string[]; url: string; name: string }[] =>
      Array.isArray(block),
    );
    expect(catalog?.map((entry) => entry.url)).toEqual(Object.keys(files));
    for (const entry of catalog ?? []) {
      expect(entry.name).not.toBe('');
      const isMatch = picomatch(entry.fileMatch, { matchBase: false });
      for (const name of files[entry.url] ?? []) {
        expect(isMatch(name) || isMatch(`infra/${name}`), `${name} for ${entry.url}`).toBe(true);
      }
    }
  });

  it('keeps the modeline URL the documentation names', () => {
    expect(EDITORS).toContain(`# yaml-language-server: $schema=${descriptorSchema.$id}`);
  });
});
