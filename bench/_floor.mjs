#!/usr/bin/env node
// The floor the lint benchmark compares with: list the repository's files with fast-glob (as
// the linter does: synchronously, dot files included, node_modules and .git skipped), read every YAML file and
// parse it with the `yaml` package (parseAllDocuments, uniqueKeys off as in the linter), in
// one thread, and nothing else. Usage: node bench/_floor.mjs <directory>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';

const directory = path.resolve(process.argv[2] ?? '.');
const files = fg.sync('**/*', {
  cwd: directory,
  dot: true,
  ignore: ['**/node_modules/**', '**/.git/**'],
  suppressErrors: true,
});
let documents = 0;
let parsed = 0;
for (const file of files) {
  if (!/\.ya?ml$/i.test(file)) continue;
  const result = parseAllDocuments(readFileSync(path.join(directory, file), 'utf8'), { uniqueKeys: false });
  documents += Array.isArray(result) ? result.length : 0;
  parsed += 1;
}
console.log(JSON.stringify({ files: files.length, parsed, documents }));
