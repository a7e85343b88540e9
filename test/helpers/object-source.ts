import { parseYamlFile, type YamlFile } from '../../src/manifests/yaml-file.js';

/**
 * What rules give the manifest helpers (`yaml`, `text`, `yamlFilesContaining`, `shared`), over
 * files held in memory: the real YAML reader, a text pre-filter and values shared per run.
 * Records which files were parsed and how often each shared value was computed.
 */
export class MemoryObjectSource {
  readonly parsed: string[] = [];
  readonly computed = new Map<string, number>();
  readonly #files: Readonly<Record<string, string>>;
  readonly #yaml = new Map<string, YamlFile>();
  readonly #shared = new Map<string, unknown>();

  constructor(files: Readonly<Record<string, string>>) {
    this.#files = files;
  }

  text(file: string): string | undefined {
    return Object.hasOwn(this.#files, file) ? this.#files[file] : undefined;
  }

  yaml(file: string): YamlFile | undefined {
    const text = this.text(file);
    if (text === undefined || !/\.(ya?ml|json)$|(^|\/)Kustomization$/.test(file)) return undefined;
    let parsed = this.#yaml.get(file);
    if (!parsed) {
      this.parsed.push(file);
      parsed = parseYamlFile(file, text, { json: file.endsWith('.json') });
      this.#yaml.set(file, parsed);
    }
    return parsed;
  }

  yamlFilesContaining(...texts: readonly string[]): readonly string[] {
    return Object.keys(this.#files)
      .filter((file) => /\.ya?ml$|(^|\/)Kustomization$/.test(file))
      .filter((file) => texts.every((text) => (this.#files[file] ?? '').includes(text)))
      .sort();
  }

  shared<T>(key: string, compute: () => T): T {
    if (!this.#shared.has(key)) {
      this.computed.set(key, (this.computed.get(key) ?? 0) + 1);
      this.#shared.set(key, compute());
    }
    return this.#shared.get(key) as T;
  }
}
