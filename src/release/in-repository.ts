import path from 'node:path';
import type { Descriptor } from '../config/descriptor.js';
import type { YamlFile } from '../manifests/yaml-file.js';
import { manifestProblems, type Release, type ReleaseManifest } from './manifest.js';

/** The file access release rules need (a RuleContext fits). */
export interface ReleaseFiles {
  readonly files: readonly string[];
  readonly descriptor: Descriptor | undefined;
  yaml(file: string): YamlFile | undefined;
}

export interface ManifestInRepository {
  file: string;
  yaml: YamlFile;
  /** The `release:` mapping when the manifest is valid against the schema. */
  release: Release | undefined;
  /** The file name without .yaml: the release's name when `name` is absent. */
  baseName: string;
}

/** The release manifests of the repository (YAML files directly in the releases directory). */
export function releaseManifests(context: ReleaseFiles): ManifestInRepository[] {
  const directory = (context.descriptor?.releases?.directory ?? 'releases').replace(/\/+$/, '');
  const manifests: ManifestInRepository[] = [];
  for (const file of context.files) {
    if (path.posix.dirname(file) !== directory || !/\.ya?ml$/.test(file)) continue;
    const yaml = context.yaml(file);
    if (!yaml || yaml.errors.length > 0 || yaml.documents.length !== 1) {
      if (yaml)
        manifests.push({ file, yaml, release: undefined, baseName: path.posix.basename(file).replace(/\.ya?ml$/, '') });
      continue;
    }
    const value = yaml.documents[0]?.value;
    const release = manifestProblems(value).length === 0 ? (value as ReleaseManifest).release : undefined;
    manifests.push({ file, yaml, release, baseName: path.posix.basename(file).replace(/\.ya?ml$/, '') });
  }
  return manifests;
}

export function nameOf(manifest: ManifestInRepository): string {
  return manifest.release?.name ?? manifest.baseName;
}
