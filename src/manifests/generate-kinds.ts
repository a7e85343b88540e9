import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { KIND_PACKAGES, kindModulePath, kindPackage, type KindPackage } from './kind-packages.js';

/*
 * Build time only (run by `npm run build`): nothing at run time imports this module. The
 * compiled validators of kubernetes-models and @kubernetes-models/* (ajv standalone code that
 * their model classes run) are bundled, one module per top-level kind, into
 * dist/src/manifests/kinds/, so that the installed package needs neither the model packages
 * (kinds of every nested type, TypeScript declarations, a runtime with re2-wasm and a mail
 * address grammar: some 14 MB and 25 packages) nor ajv's compiler for them.
 */

/** A top-level kind of a model package: the model file and the compiled validator it runs. */
export interface PackagedKind {
  package: KindPackage;
  apiVersion: string;
  kind: string;
  /** The ajv standalone module of the kind's schema (absolute path). */
  schemaFile: string;
}

const requireHere = createRequire(import.meta.url);

function packageRoot(name: string): string {
  return path.dirname(requireHere.resolve(`${name}/package.json`));
}

function* modelFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory)) {
    if (entry === '_schemas' || entry === 'node_modules') continue;
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) yield* modelFiles(file);
    else if (entry.endsWith('.js') && entry !== 'index.js') yield file;
  }
}

/**
 * The top-level kinds of the model packages: a model file whose class declares an apiVersion and
 * kind (`static{this.apiVersion="apps/v1"}static{this.kind="Deployment"}`) and hands a compiled
 * validator to its class (`import{validate}from"../../_schemas/<Id>.js"`): generated code of a
 * fixed shape. A package whose files no longer have it yields nothing, and the test of the kinds
 * fails.
 */
export function packagedKinds(): PackagedKind[] {
  const kinds: PackagedKind[] = [];
  for (const entry of KIND_PACKAGES) {
    const root = packageRoot(entry.name);
    for (const file of modelFiles(root)) {
      const source = readFileSync(file, 'utf8');
      const apiVersion = /static\s*\{\s*this\.apiVersion\s*=\s*"([^"]+)"\s*\}/.exec(source)?.[1];
      const kind = /static\s*\{\s*this\.kind\s*=\s*"([^"]+)"\s*\}/.exec(source)?.[1];
      const schema = /import\s*\{\s*validate\s*\}\s*from\s*"((?:\.\.\/){1,2}_schemas\/[A-Za-z0-9]+\.js)"/.exec(
        source,
      )?.[1];
      if (apiVersion === undefined || kind === undefined || schema === undefined) continue;
      // The lookup goes by path: the file must sit where its apiVersion and kind say.
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (relative !== kindModulePath(apiVersion, kind)) continue;
      if (kindPackage(apiVersion) !== entry) continue;
      kinds.push({ package: entry, apiVersion, kind, schemaFile: path.resolve(path.dirname(file), schema) });
    }
  }
  return kinds.sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind));
}

/** ajv-i18n's English messages, as the model classes' validate() writes them into errors. */
function messagesModule(): string {
  return requireHere.resolve('ajv-i18n/localize/en/index.js');
}

/** Bundles the validators of `kinds` into `outDir`: `<apiVersion>/<Kind>.js` each, shared code in chunks. */
export async function generateKinds(outDir: string, kinds: readonly PackagedKind[] = packagedKinds()): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const input: Record<string, string> = { messages: messagesModule() };
  for (const kind of kinds) input[kindModulePath(kind.apiVersion, kind.kind).replace(/\.js$/, '')] = kind.schemaFile;
  await build({
    input,
    platform: 'node',
    // Some format checks (idn-email, idn-hostname) use punycode: bundle the userland module, not
    // Node's deprecated built-in one, whose use prints a DEP0040 warning on every lint.
    resolve: { alias: { punycode: requireHere.resolve('punycode/punycode.js') } },
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'esm',
      minify: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  });
  if (!existsSync(path.join(outDir, 'messages.js'))) throw new Error(`generate-kinds: nothing written to ${outDir}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'kinds');
  const kinds = packagedKinds();
  await generateKinds(outDir, kinds);
  console.log(`generate-kinds: ${kinds.length} kinds into ${path.relative(process.cwd(), outDir)}`);
}
