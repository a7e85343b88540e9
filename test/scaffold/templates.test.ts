import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const templatesRoot = path.join(root, 'templates');
const templates = readdirSync(templatesRoot, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(templatesRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
  .sort();

/** Expressions that never HTML-escape: triple-stash, blocks, partials, comments and our quoting helpers. */
const SAFE = /^\{\{(\{|#|\/|>|!|else\b|~?\s*(q|json|yaml)\s)/;

describe('templates', () => {
  it('are all Handlebars files', () => {
    expect(templates.length).toBeGreaterThan(50);
    expect(templates.filter((file) => !file.endsWith('.hbs'))).toEqual([]);
  });

  it('never use an HTML-escaping expression: values reach YAML through q, json or yaml, or unescaped', () => {
    const offenders: string[] = [];
    for (const file of templates) {
      const text = readFileSync(path.join(templatesRoot, file), 'utf8').replace(
        /\{\{\{\{verbatim\}\}\}\}[\s\S]*?\{\{\{\{\/verbatim\}\}\}\}/g,
        '',
      );
      for (const match of text.matchAll(/\{\{+[^}]*\}*/g)) {
        if (match[0].startsWith('{{{{')) continue;
        if (!SAFE.test(match[0])) offenders.push(`${file}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('are all in the published package, with the built CLI and the descriptor schema', () => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    });
    const files = new Set((JSON.parse(output) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path));
    expect(templates.filter((file) => !files.has(`templates/${file}`))).toEqual([]);
    for (const file of [
      'dist/src/bin/gitops-init.js',
      'dist/src/index.js',
      'dist/src/testing/index.js',
      'dist/src/config/gitops.schema.json',
      'dist/generators/shared.js',
    ]) {
      expect(files.has(file), file).toBe(true);
    }
    expect([...files].filter((file) => file.startsWith('test/') || file.startsWith('src/'))).toEqual([]);
  });
});
