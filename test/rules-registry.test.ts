import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { ruleDocsUrl } from '../src/engine/rule.js';

const root = path.resolve(import.meta.dirname, '..');
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -3))
  .sort();
const docFiles = readdirSync(path.join(root, 'docs/rules'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => file.slice(0, -3))
  .sort();

/** The rule table in README.md, generated from the registry. */
export function readmeRuleTable(): string {
  const rows = rules.map(
    (rule) =>
      `| [${rule.id}](docs/rules/${rule.id}.md) | ${rule.meta.docs.category} | ${rule.meta.docs.recommended} | ${rule.meta.fixable ? 'yes' : ''} | ${rule.meta.docs.description} |`,
  );
  return ['| rule | category | default | fixable | description |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

describe('the rule registry, rule files and docs agree', () => {
  it('registers every file in rules/ exactly once, sorted by id', () => {
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(ruleFiles);
  });

  it('has a doc for every rule and no doc without a rule', () => {
    expect(docFiles).toEqual(ruleFiles);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('is defined in the file of its name', async () => {
        const url = pathToFileURL(path.join(root, 'rules', `${rule.id}.ts`)).href;
        const module = (await import(/* @vite-ignore */ url)) as { default: { id: string } };
        expect(module.default).toBe(rule);
      });

      it('has an id in kebab-case and a well-formed meta', () => {
        expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(rule.meta.docs.description).not.toMatch(/\.$/);
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
        expect(ruleDocsUrl(rule.id)).toContain(`/docs/rules/${rule.id}.md`);
      });

      it('has a doc whose title is the id and whose summary is the meta description', () => {
        const doc = readFileSync(path.join(root, 'docs/rules', `${rule.id}.md`), 'utf8');
        const lines = doc.split('\n');
        expect(lines[0]).toBe(`# ${rule.id}`);
        expect(lines.find((line) => line.startsWith('> '))).toBe(`> ${rule.meta.docs.description}`);
        expect(doc).toContain(`- Category: ${rule.meta.docs.category}`);
        expect(doc).toContain(`- Default severity: ${rule.meta.docs.recommended}`);
        expect(doc).toContain(`- Fixable: ${rule.meta.fixable ? 'yes' : 'no'}`);
      });

      it('has a test file', () => {
        expect(readdirSync(path.join(root, 'test/rules'))).toContain(`${rule.id}.test.ts`);
      });
    });
  }

  it('lists the rules in README.md (UPDATE_README=1 regenerates it)', () => {
    const readmePath = path.join(root, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const pattern = /(<!-- rules:start -->\n)([\s\S]*?)(<!-- rules:end -->)/;
    expect(readme).toMatch(pattern);
    const expected = readme.replace(pattern, `$1${readmeRuleTable()}\n$3`);
    if (process.env.UPDATE_README === '1') writeFileSync(readmePath, expected);
    expect(readme).toBe(expected);
  });
});
