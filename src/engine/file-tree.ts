import path from 'node:path';

// kustomize also reads a file named `Kustomization`, without an extension.
const YAML_NAME = /\.(ya?ml|YA?ML)$|(^|\/)Kustomization$/;

/** The shape of a run's file list: its directories, and which files are YAML. Answers without recording. */
export class FileTree {
  readonly files: readonly string[];
  readonly #fileSet: ReadonlySet<string>;
  readonly #directories: ReadonlySet<string>;
  readonly #helmTemplateDirectories: readonly string[];

  constructor(files: readonly string[]) {
    this.files = files;
    this.#fileSet = new Set(files);
    const directories = new Set<string>(['']);
    const helmTemplates: string[] = [];
    for (const file of files) {
      let directory = path.posix.dirname(file);
      while (directory !== '.' && !directories.has(directory)) {
        directories.add(directory);
        directory = path.posix.dirname(directory);
      }
      if (file === 'Chart.yaml' || file.endsWith('/Chart.yaml')) {
        const chart = path.posix.dirname(file);
        helmTemplates.push(chart === '.' ? 'templates/' : `${chart}/templates/`);
      }
    }
    this.#directories = directories;
    this.#helmTemplateDirectories = helmTemplates;
  }

  get fileSet(): ReadonlySet<string> {
    return this.#fileSet;
  }

  hasFile(file: string): boolean {
    return this.#fileSet.has(file);
  }

  /** `directory` without a trailing slash; '' is the root. */
  hasDirectory(directory: string): boolean {
    return this.#directories.has(directory);
  }

  /** `directory` without a trailing slash; '' is the root. */
  filesUnder(directory: string): readonly string[] {
    const prefix = directory === '' ? '' : `${directory}/`;
    return prefix === '' ? this.files : this.files.filter((file) => file.startsWith(prefix));
  }

  /** Files under a Helm chart's templates/ are Go templates, not YAML. */
  isHelmTemplate(file: string): boolean {
    return this.#helmTemplateDirectories.some((directory) => file.startsWith(directory));
  }

  isYamlFile(file: string): boolean {
    return YAML_NAME.test(file) && this.#fileSet.has(file) && !this.isHelmTemplate(file);
  }
}
