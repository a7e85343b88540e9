import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nodePlop, { type NodePlopAPI } from 'node-plop';
import { stringify } from 'yaml';
import { RENDER_ACTION, type GeneratorOptions, type RenderActionConfig, type ScaffoldGenerator } from './generator.js';

/** One file of the scaffold, rendered but not yet written. */
export interface RenderedFile {
  path: string;
  content: string;
  mode?: number;
}

/**
 * Helper output that Handlebars never HTML-escapes: like its SafeString, an object with
 * `toHTML` (Handlebars' escape function returns `toHTML()` as it is).
 */
class SafeString {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toHTML(): string {
    return this.#text;
  }
  toString(): string {
    return this.#text;
  }
}

/**
 * Template helpers. Every value that reaches a YAML file goes through `q` (a double-quoted YAML
 * scalar, JSON-escaped) or `yaml`/`json` (whole structures serialised by a library), so no answer
 * can break the YAML or be HTML-escaped.
 */
function registerHelpers(plop: NodePlopAPI): void {
  plop.setHelper('q', (value: unknown) => new SafeString(JSON.stringify(String(value))));
  plop.setHelper('json', (value: unknown) => new SafeString(JSON.stringify(value, null, 2)));
  plop.setHelper('yaml', (value: unknown, indent: unknown) => {
    const spaces = typeof indent === 'number' ? indent : 0;
    const text = stringify(value, { lineWidth: 0 }).trimEnd();
    return new SafeString(
      text
        .split('\n')
        .map((line, index) => (index === 0 ? line : ' '.repeat(spaces) + line))
        .join('\n'),
    );
  });
  plop.setHelper('lastSegment', (value: unknown) => String(value).split('/').pop() ?? '');
  plop.setHelper('eq', (a: unknown, b: unknown) => a === b);
  // Raw block for Go templates (Helm): {{{{verbatim}}}} {{ .Values.x }} {{{{/verbatim}}}}
  plop.setHelper('verbatim', (options: { fn: () => string }) => options.fn());
  plop.setHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
}

/**
 * Creates node-plop with the given generators, gitops-init's helpers and the render action,
 * which adds each rendered file to `rendered` instead of writing it: the scaffolder decides what
 * to write after checking every file for conflicts. A path rendered from a second template fails
 * the run, before anything is written.
 */
export async function createPlop(
  destination: string,
  options: GeneratorOptions,
  generators: readonly ScaffoldGenerator[],
): Promise<{ plop: NodePlopAPI; rendered: RenderedFile[] }> {
  const plop = await nodePlop(undefined, { destBasePath: destination, force: false });
  const rendered: RenderedFile[] = [];
  const templates = new Map<string, (data: unknown) => string>();
  /** The template each rendered path came from. */
  const sources = new Map<string, string>();
  registerHelpers(plop);
  const partials = path.join(options.templatesRoot, 'shared/partials');
  for (const file of readdirSync(partials)) {
    if (file.endsWith('.hbs'))
      plop.setPartial(file.slice(0, -'.hbs'.length), readFileSync(path.join(partials, file), 'utf8'));
  }
  // node-plop's renderString compiles the template on every call; a template rendered once per
  // environment or tenant is compiled once here, with the Handlebars instance plop configured.
  const handlebars = (plop as unknown as { handlebars: { compile: (template: string) => (data: unknown) => string } })
    .handlebars;
  plop.setActionType(RENDER_ACTION, (answers, config) => {
    const action = config as unknown as RenderActionConfig;
    let template = templates.get(action.templateFile);
    if (template === undefined) {
      // renderString is what hands plop's helpers and partials to its Handlebars instance.
      if (templates.size === 0) plop.renderString('', {});
      template = handlebars.compile(readFileSync(action.templateFile, 'utf8'));
      templates.set(action.templateFile, template);
    }
    // One output path, one template: a second render of a path would leave the two contents to
    // overwrite each other, and the next run would report a conflict with itself.
    // Thrown as node-plop reports a failed action: the path, and what went wrong.
    const earlier = sources.get(action.path);
    if (earlier !== undefined) {
      const error = `rendered from two templates, ${path.relative(options.templatesRoot, earlier)} and ${path.relative(options.templatesRoot, action.templateFile)}`;
      throw Object.assign(new Error(`${action.path}: ${error}`), { type: RENDER_ACTION, path: action.path, error });
    }
    sources.set(action.path, action.templateFile);
    const content = template({ ...answers, ...action.data });
    rendered.push({ path: action.path, content, ...(action.mode === undefined ? {} : { mode: action.mode }) });
    return action.path;
  });
  for (const register of generators) register(plop, options);
  return { plop, rendered };
}
