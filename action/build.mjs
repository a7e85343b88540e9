// Builds action/gitops-init.mjs, the single-file bundle that the GitHub Action (action.yml) and
// the pre-commit hook (.pre-commit-hooks.yaml) run, so that neither installs anything: GitHub's
// convention for JavaScript actions is a bundle committed with the action.
// test/distribution/action.test.ts fails while the committed bundle differs from a fresh build.
//
//   node action/build.mjs            writes action/gitops-init.mjs (npm run build:action)
//   node action/build.mjs --stdout   prints the bundle instead (the test compares it)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = path.join(root, 'action', 'gitops-init.mjs');

/**
 * The Kubernetes validators `npm run build` bundles (src/manifests/generate-kinds.ts) into
 * dist/src/manifests/kinds/, one module per kind, which src/manifests/schemas.ts loads by file
 * name at run time; the action bundle carries them and answers those lookups itself.
 */
const KINDS_DIRECTORY = path.join(root, 'dist', 'src', 'manifests', 'kinds');
/** Where schemas.ts finds them inside the bundle: a name, not a directory. */
const KINDS_ROOT = '/gitops-init-bundled-kinds';

/** A source file's text with `from` replaced, or an error if it is not there: the bundle must not silently lose a feature. */
function patch(file, source, from, to) {
  const patched = source.replaceAll(from, to);
  if (patched === source)
    throw new Error(`action/build.mjs: ${path.relative(root, file)} no longer holds ${String(from)}; update the build`);
  return patched;
}

/** `[<path under kinds/>, its path relative to the root]` of every kind module and messages.js, sorted (shared chunks are imported by them). */
function kindFiles() {
  if (!existsSync(path.join(KINDS_DIRECTORY, 'messages.js'))) {
    throw new Error(`action/build.mjs: ${path.relative(root, KINDS_DIRECTORY)} is missing; run npm run build first`);
  }
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (file !== path.join(KINDS_DIRECTORY, 'chunks')) walk(file);
      } else if (entry.name.endsWith('.js')) {
        const posix = (from) => path.relative(from, file).split(path.sep).join('/');
        files.push([posix(KINDS_DIRECTORY), `./${posix(root)}`]);
      }
    }
  };
  walk(KINDS_DIRECTORY);
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The kinds as one module: a require() and an existsSync() that answer for KINDS_ROOT/<file>
 * from the bundle (each kind evaluated on first use, as from dist/) and pass anything else on
 * to Node.js.
 */
function kindsModule() {
  const entries = kindFiles().map(
    ([file, relative]) => `  ${JSON.stringify(file)}: () => require(${JSON.stringify(relative)}),`,
  );
  return `import { existsSync as fileExists } from 'node:fs';
const KINDS = {
${entries.join('\n')}
};
export const KINDS_ROOT = ${JSON.stringify(KINDS_ROOT)};
const key = (file) => {
  const posix = String(file).replaceAll('\\\\', '/');
  return posix.startsWith(KINDS_ROOT + '/') ? posix.slice(KINDS_ROOT.length + 1) : undefined;
};
export function bundledRequire(id) {
  if (id === 'ajv') return require('ajv');
  const load = KINDS[key(id)];
  if (load) return load();
  return require(id);
}
export function existsSync(file) {
  const bundled = key(file);
  return bundled === undefined ? fileExists(file) : bundled in KINDS;
}
`;
}

/** What cache-layer.ts computes from the files of rules/ at run time, computed here: the bundle has no rules/ directory. */
function rulesDigest() {
  const directory = path.join(root, 'rules');
  const hash = createHash('sha1');
  for (const name of readdirSync(directory)
    .filter((entry) => /\.(js|ts)$/.test(entry) && !entry.endsWith('.d.ts'))
    .sort())
    hash
      .update(`${name}\0`)
      .update(readFileSync(path.join(directory, name)))
      .update('\0');
  return `bundle-${hash.digest('base64url')}`;
}

/**
 * What the bundle needs of the sources, changed as they are read (the sources stay as they are):
 * - `createRequire(import.meta.url)(name)`, which loads a package on first use, becomes a plain
 *   `require(name)`, which esbuild follows (and which still runs on first use);
 * - schemas.ts finds the bundled kinds by file name (see kindsModule);
 * - cache-layer.ts's digest of rules/ is computed at build time.
 */
const forTheBundle = {
  name: 'gitops-init-bundle',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^gitops-init-bundled-models$/ }, () => ({
      path: 'models',
      namespace: 'gitops-init-bundled',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'gitops-init-bundled' }, () => ({
      contents: kindsModule(),
      loader: 'js',
      resolveDir: root,
    }));
    pluginBuild.onLoad({ filter: /[\\/](src|rules)[\\/].*\.ts$/ }, (args) => {
      const file = args.path;
      let source = readFileSync(file, 'utf8');
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (relative === 'src/manifests/schemas.ts') {
        source = patch(file, source, 'createRequire(import.meta.url)', 'bundledModels.bundledRequire');
        source = patch(file, source, '!existsSync(', '!bundledModels.existsSync(');
        source = patch(
          file,
          source,
          "path.join(packageInfo().directory, 'dist', 'src', 'manifests', 'kinds')",
          'bundledModels.KINDS_ROOT',
        );
        source = `import * as bundledModels from 'gitops-init-bundled-models';\n${source}`;
      } else if (relative === 'src/cache/cache-layer.ts') {
        source = patch(
          file,
          source,
          'if (rulesDigest === undefined) {',
          `rulesDigest ??= ${JSON.stringify(rulesDigest())};\n  if (rulesDigest === undefined) {`,
        );
      } else if (source.includes('createRequire(import.meta.url)')) {
        source = source
          .replaceAll('createRequire(import.meta.url)(', 'require(')
          .replace(/\bconst require = createRequire\(import\.meta\.url\);/g, '');
      } else return undefined;
      return { contents: source, loader: 'ts' };
    });
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/bin/action.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  legalComments: 'none',
  write: false,
  outfile,
  logLevel: 'warning',
  plugins: [forTheBundle],
  // CommonJS packages in an ES module bundle need their module globals (write-file-atomic names
  // its temporary files after __filename).
  banner: {
    js: [
      "import{createRequire as __gitopsInitRequire}from'node:module';",
      "import{dirname as __gitopsInitDirname}from'node:path';",
      "import{fileURLToPath as __gitopsInitPath}from'node:url';",
      'const require=__gitopsInitRequire(import.meta.url);',
      'const __filename=__gitopsInitPath(import.meta.url);',
      'const __dirname=__gitopsInitDirname(__filename);',
    ].join(''),
  },
});
const [output] = result.outputFiles;
if (process.argv.includes('--stdout')) process.stdout.write(output.text);
else writeFileSync(outfile, output.text);
