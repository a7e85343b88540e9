import path from 'node:path';
import type { Descriptor } from '../config/descriptor.js';
import { isKustomizationFile } from '../manifests/kustomize.js';
import { isRecord } from '../manifests/plain-data.js';
import type { YamlFile } from '../manifests/yaml-file.js';
import { manifestProblems, type Release, type ReleaseManifest } from './manifest.js';
import { applicationLineName, applicationOf, releaseLayout, rollbackSuffix, type ReleaseLayout } from './lines.js';

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
  /** The file name without .yaml: the release's name when `name` is absent (outside an application's directory). */
  baseName: string;
  /** `<application>` for a manifest in `<directory>/<application>/`. */
  directoryApplication: string | undefined;
  /** The application whose line the release is in (its directory, `application` field or team), if known. */
  application: string | undefined;
  /** The release's name: `name`, else the one its file and directory give. */
  name: string;
}

/**
 * Whether a document is a Kubernetes object (a string `apiVersion` and `kind`): a Flux
 * HelmRelease at `releases/podinfo.yaml`, a layout Flux's examples used, is not a release
 * manifest.
 */
export function isKubernetesObject(value: unknown): boolean {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** Whether a document has the top-level `release` key of a release manifest. */
function hasReleaseKey(value: unknown): boolean {
  return isRecord(value) && Object.hasOwn(value, 'release');
}

/**
 * The release manifests of the repository: YAML files directly in the releases directory
 * (`releases.directory` in gitops.yaml, `releases/` by default) that hold no Kubernetes object
 * and are not a kustomization.
 * In a repository with gitops.yaml the directory is gitops-init's, and every other YAML file
 * in it is a release manifest, so that one with a mistyped or missing `release:` is reported.
 * Without gitops.yaml `releases/` may be anything (Flux's examples kept HelmReleases there), and
 * only files with a top-level `release:` key are release manifests; a file that does not parse
 * is left to yaml-syntax.
 */
export function releaseManifests(context: ReleaseFiles): ManifestInRepository[] {
  const { layout } = releaseLayout(context.descriptor);
  const directory = layout.directory;
  const managed = context.descriptor !== undefined;
  const applications = new Set(layout.applications.map((application) => application.name));
  const manifests: ManifestInRepository[] = [];
  for (const file of context.files) {
    if (!/\.ya?ml$/.test(file) || isKustomizationFile(file)) continue;
    const parent = path.posix.dirname(file);
    // Directly in the releases directory, or one level down in an application's directory
    // (`releases/payments/`). Another subdirectory may hold anything (Helm values of a Flux
    // HelmRelease): only files with a top-level `release:` key there are release manifests.
    const directoryApplication = parent === directory ? undefined : path.posix.basename(parent);
    if (directoryApplication !== undefined && path.posix.dirname(parent) !== directory) continue;
    const owned = managed && (directoryApplication === undefined || applications.has(directoryApplication));
    const yaml = context.yaml(file);
    if (!yaml) continue;
    const baseName = path.posix.basename(file).replace(/\.ya?ml$/, '');
    const entry = { file, yaml, baseName, directoryApplication };
    if (yaml.errors.length > 0) {
      if (owned) manifests.push({ ...entry, release: undefined, application: directoryApplication, name: baseName });
      continue;
    }
    const values = yaml.documents.map((document) => document.value);
    if (values.some(isKubernetesObject)) continue;
    if (!owned && !values.some(hasReleaseKey)) continue;
    const value = yaml.documents.length === 1 ? values[0] : undefined;
    const release =
      yaml.documents.length === 1 && manifestProblems(value).length === 0
        ? (value as ReleaseManifest).release
        : undefined;
    const application = release
      ? applicationOf(release, directoryApplication, layout.applications)
      : directoryApplication;
    manifests.push({
      ...entry,
      release,
      application,
      name: release?.name ?? derivedName(layout, release, directoryApplication, baseName),
    });
  }
  return manifests;
}

/** The name of a manifest without `name`: its file name, or in an application's directory the tag format's name. */
function derivedName(
  layout: ReleaseLayout,
  release: Release | undefined,
  directoryApplication: string | undefined,
  baseName: string,
): string {
  if (!release || directoryApplication === undefined) return baseName;
  return applicationLineName(layout, directoryApplication, release) + rollbackSuffix(baseName);
}

export function nameOf(manifest: ManifestInRepository): string {
  return manifest.name;
}
