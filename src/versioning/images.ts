import path from 'node:path';
import { isKustomizationFile, kustomizationReferences, KUSTOMIZATION_FILE_NAMES } from '../manifests/kustomize.js';
import { isRecord } from '../manifests/plain-data.js';
import type { YamlFile } from '../manifests/yaml-file.js';
import { isTemplated } from '../manifests/templates.js';

/** Where a workload kind keeps its pod spec (https://kubernetes.io/docs/concepts/workloads/). */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * How an image is pinned. `templated`: filled in by a template or a substitution (`${TAG}`,
 * `{{ .Values.image }}`). `placeholder`: not an image reference at all (`<image_url>`,
 * `REPLACE_ME`, an empty string), so something replaces it before anything is pulled.
 */
export type ImagePinning = 'pinned' | 'digest' | 'untagged' | 'latest' | 'templated' | 'placeholder';

/*
 * The grammar of an image reference, after github.com/distribution/reference (regexp.go):
 * [domain/]path-component[/path-component...][:tag][@digest].
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether a string is an image reference that a container runtime could pull. */
export function isImageReference(image: string): boolean {
  // The grammar's limit on a name is 255 characters; a tag and a digest add at most a few hundred.
  return image.length <= 1024 && REFERENCE.test(image);
}

/**
 * How an image reference is pinned: by digest, by a tag other than `latest`, or not at all.
 * The tag is what follows the last `:` after the last `/` (a registry port is not a tag).
 */
export function imagePinning(image: string): ImagePinning {
  if (isTemplated(image)) return 'templated';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return 'digest';
  // `nginx:` is a reference without its tag, not a placeholder: it stays `untagged`.
  if (!isImageReference(image.endsWith(':') ? image.slice(0, -1) : image)) return 'placeholder';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1 || colon === lastSegment.length - 1) return 'untagged';
  return lastSegment.slice(colon + 1) === 'latest' ? 'latest' : 'pinned';
}

/**
 * The name of an image without its tag and digest, as kustomize's images transformer splits it
 * (sigs.k8s.io/kustomize/api/internal/image Split): a `:` or `@` after the first `/`.
 */
export function imageName(image: string): string {
  const slash = image.indexOf('/');
  const start = slash > 0 ? slash : 0;
  const rest = image.slice(start);
  const ends = [rest.indexOf(':'), rest.indexOf('@')].filter((index) => index >= 0);
  return ends.length === 0 ? image : image.slice(0, start + Math.min(ends[0] ?? 0, ends[1] ?? Infinity));
}

/** One entry of a kustomization's `images` (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/). */
export interface KustomizeImage {
  name: string;
  newName: string | undefined;
  newTag: string | undefined;
  digest: string | undefined;
}

/** The `images` of a kustomization document, entries without a name left out. */
export function kustomizeImages(document: unknown): KustomizeImage[] {
  const images = isRecord(document) && Object.hasOwn(document, 'images') ? document.images : undefined;
  if (!Array.isArray(images)) return [];
  const text = (entry: Record<string, unknown>, key: string): string | undefined => {
    const value = Object.hasOwn(entry, key) ? entry[key] : undefined;
    return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
  };
  const entries: KustomizeImage[] = [];
  for (const entry of images as unknown[]) {
    if (!isRecord(entry)) continue;
    const name = text(entry, 'name');
    if (name === undefined) continue;
    entries.push({
      name,
      newName: text(entry, 'newName'),
      newTag: text(entry, 'newTag'),
      digest: text(entry, 'digest'),
    });
  }
  return entries;
}

/** What the kustomize-images query needs of a rule's context. */
export interface KustomizeImageSource {
  readonly files: readonly string[];
  hasFile(path: string): boolean;
  yaml(path: string): YamlFile | undefined;
  yamlFilesContaining(...texts: readonly string[]): readonly string[];
  shared<T>(key: string, compute: () => T): T;
}

/** Fields whose entries kustomize builds or merges into the kustomization's resources. */
const INCLUDING_FIELDS = new Set([
  'resources',
  'bases',
  'components',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
]);

interface KustomizeGraph {
  /** For a resource or patch file, or a kustomization file: the kustomizations that include it. */
  parents: ReadonlyMap<string, readonly string[]>;
  images: ReadonlyMap<string, readonly KustomizeImage[]>;
}

function kustomizeGraph(source: KustomizeImageSource): KustomizeGraph {
  return source.shared('kustomize-image-graph', () => {
    const parents = new Map<string, string[]>();
    const images = new Map<string, KustomizeImage[]>();
    // Without an `images` field anywhere, nothing is rewritten: no kustomization is read.
    if (!source.yamlFilesContaining('images').some((file) => isKustomizationFile(file))) return { parents, images };
    for (const file of source.files) {
      if (!isKustomizationFile(file)) continue;
      const yaml = source.yaml(file);
      if (!yaml || yaml.errors.length > 0) continue;
      const directory = path.posix.dirname(file);
      for (const document of yaml.documents) {
        const own = kustomizeImages(document.value);
        if (own.length > 0) images.set(file, [...(images.get(file) ?? []), ...own]);
        for (const reference of kustomizationReferences(document.value)) {
          if (!INCLUDING_FIELDS.has(reference.field)) continue;
          const resolved = path.posix.normalize(path.posix.join(directory, reference.value)).replace(/\/+$/, '');
          const target = source.hasFile(resolved)
            ? resolved
            : KUSTOMIZATION_FILE_NAMES.map((name) => `${resolved === '.' ? '' : `${resolved}/`}${name}`).find(
                (candidate) => source.hasFile(candidate),
              );
          if (target === undefined) continue;
          const list = parents.get(target);
          if (list) list.push(file);
          else parents.set(target, [file]);
        }
      }
    }
    return { parents, images };
  });
}

/**
 * Whether kustomize pins image `image` of `file` in every build that includes the file: each
 * chain of kustomizations from the file up to one that nothing includes passes one whose
 * `images` give the image's name (or the name an earlier entry gave it with newName) a newTag
 * other than latest, or a digest. A file that no kustomization includes is built as it is.
 */
export function isPinnedByKustomize(source: KustomizeImageSource, file: string, image: string): boolean {
  const graph = kustomizeGraph(source);
  if (graph.images.size === 0) return false;
  const memo = new Map<string, boolean>();
  const pinnedAbove = (node: string, name: string, depth: number): boolean => {
    const including = graph.parents.get(node);
    if (!including || including.length === 0 || depth > 100) return false;
    return including.every((kustomization) => pinnedFrom(kustomization, name, depth + 1));
  };
  const pinnedFrom = (kustomization: string, name: string, depth: number): boolean => {
    const key = `${kustomization}\n${name}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, false); // a cycle pins nothing
    let current = name;
    let pinned = false;
    // kustomize applies the entries in order, each to the name the image has by then.
    for (const entry of graph.images.get(kustomization) ?? []) {
      if (entry.name !== current) continue;
      if (entry.digest !== undefined || (entry.newTag !== undefined && entry.newTag !== 'latest')) pinned = true;
      else if (entry.newTag === 'latest') pinned = false;
      current = entry.newName ?? current;
    }
    const result = pinned || pinnedAbove(kustomization, current, depth);
    memo.set(key, result);
    return result;
  };
  return pinnedAbove(file, imageName(image), 0);
}
