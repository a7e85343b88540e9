import type { Node as YamlNode } from 'yaml';
import type { Descriptor, RepositoryKind, GitopsTool } from '../config/descriptor.js';
import type { YamlFile, FileReadFailure } from '../manifests/yaml-file.js';
import type { BaseRevision } from '../git/base-revision.js';

export type Severity = 'off' | 'warn' | 'error';
export type RuleCategory =
  'syntax' | 'layout' | 'references' | 'ownership' | 'versioning' | 'releases' | 'protection' | 'security';

/** A JSON Schema for a rule's options: an array schema (one item per option) or a single object schema. */
export type RuleSchema = Record<string, unknown> | readonly Record<string, unknown>[];

export interface RuleMeta<MessageIds extends string> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: {
    description: string;
    category: RuleCategory;
    /** Default severity in the recommended set; `'off'` means the rule must be turned on. */
    recommended: Severity;
  };
  /** Set when the rule can return text edits that `--fix` applies. */
  fixable?: 'code';
  /**
   * `file`: findings are about the files being linted, so `lint <paths>` and `--staged` only
   * look at those. `repository`: the rule looks at the repository as a whole (layout,
   * references between files) and always runs over the full file list.
   */
  scope: 'file' | 'repository';
  /**
   * A file-scope rule that needs nothing but the files it lints (and the file list): no values
   * shared across the run (`shared`, text searches). A hint for scheduling, not for results: in
   * a run on several threads, worker threads run such rules over every file while the main
   * thread runs the others, so that no thread works out again what another already has.
   */
  selfContained?: boolean;
  /**
   * For a repository rule whose findings are each about one file that this picks (a
   * kustomization, say), decided from that file's text and from which paths exist: the rule
   * checks the files of `context.checkedFiles`. With `--staged` the engine gives it only those
   * the commit can affect (staged ones, and, when it adds or deletes paths, those that may name
   * such a path or sit beside it), not every one: a commit hook then reads a few files, not all.
   */
  checks?: (file: string) => boolean;
  /** Repository kinds the rule applies to. Absent: every repository, also one without gitops.yaml. */
  kinds?: readonly RepositoryKind[];
  schema: RuleSchema;
  messages: Readonly<Record<MessageIds, string>>;
}

/** A text edit in a file: replace the characters in `range` (UTF-16 offsets, end exclusive) by `text`. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

export interface Fix {
  /** The repository-relative file the edits apply to; defaults to the finding's file. */
  file?: string;
  edits: readonly TextEdit[];
}

export interface ReportDescriptor<MessageIds extends string> {
  messageId: MessageIds;
  data?: Readonly<Record<string, string | number>>;
  /** Repository-relative POSIX path. A finding about a missing file names the path that should exist. */
  file: string;
  /** A YAML node of `file`; its range gives the position when no line is given. */
  node?: YamlNode | null | undefined;
  /** Character offsets in the file's text. */
  range?: readonly [number, number];
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
  /**
   * Caps the finding's severity: `'warn'` reports a heuristic finding of an error-level rule as
   * a warning. A rule set to `warn` or `off` is never raised.
   */
  severity?: 'warn';
}

/** The read-only view of the repository that rules see. Rules never touch the file system. */
export interface RuleContext<MessageIds extends string> {
  readonly ruleId: string;
  /** Every file of the repository that is not ignored, sorted, repository-relative POSIX paths. */
  readonly files: readonly string[];
  /** The files this run lints: all files, the paths given on the command line, or the staged ones. */
  readonly targetFiles: readonly string[];
  readonly descriptor: Descriptor | undefined;
  readonly kind: RepositoryKind | undefined;
  readonly tool: GitopsTool | undefined;
  /**
   * The files a rule declaring `meta.checks` checks: every file it picks, or with `--staged`
   * those of them the commit can affect. Empty for other rules.
   */
  readonly checkedFiles: readonly string[];
  /** The revision given with `--base`, for rules that compare with it; undefined without one. */
  readonly base: BaseRevision | undefined;
  hasFile(path: string): boolean;
  hasDirectory(path: string): boolean;
  /** Files directly or indirectly below a directory ('' is the root). */
  filesUnder(directory: string): readonly string[];
  /** The file's text, or undefined if it does not exist or cannot be read as UTF-8 text. */
  text(path: string): string | undefined;
  /** Why the file could not be read, if it could not. */
  readFailure(path: string): FileReadFailure | undefined;
  /**
   * The parsed YAML file, or undefined when the path is not a YAML file, is a Helm template,
   * does not exist or cannot be read. Parsing happens once per run, however many rules ask.
   */
  yaml(path: string): YamlFile | undefined;
  /** Whether the path is a YAML file that the engine parses (not a Helm template). */
  isYamlFile(path: string): boolean;
  /**
   * The YAML files whose text contains every one of `texts`, in file order: a cheap pre-filter
   * for a rule that needs the documents of a few kinds from the whole repository (CRDs,
   * GitRepository objects: their kind and API group), so that it parses those files only. It
   * may include files that turn out not to hold such a document (the text is in a comment, or
   * the file uses escapes), never fewer.
   */
  yamlFilesContaining(...texts: readonly string[]): readonly string[];
  /**
   * A value computed once per run, however many rules and chunks of files ask, for facts of
   * the repository as a whole that do not depend on the files being linted (the custom
   * resources its CRDs define, the files its kustomizations name as patches). `key` names the
   * computation for the whole run; `compute` must not report.
   */
  shared<T>(key: string, compute: () => T): T;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /**
   * A one-line note about the run that is not a finding. The CLI prints notes on stderr; they
   * never appear in reports. A file-scope rule runs on the target files a chunk at a time, so
   * it notes per chunk: to sum something up over the whole run, use `tally`.
   */
  note(descriptor: { messageId: MessageIds; data?: Readonly<Record<string, string | number>> }): void;
  /**
   * Counts one occurrence of `key` (such as the kind of an object that could not be checked)
   * towards one note for the whole run, made after every rule has run: its message gets
   * `{{count}}` (occurrences), `{{keyCount}}` (distinct keys) and `{{keys}}` (the first keys in
   * order, and how many more).
   */
  tally(descriptor: { messageId: MessageIds; key: string }): void;
}

export interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  id: string;
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  check(context: RuleContext<MessageIds>, options: Options): void;
}

// Rules are stored in one registry whatever their option and message types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleDefinition<any, string>;

/**
 * Declares a rule. Returns the definition unchanged; the function exists so that option and
 * message ids are typed from `defaultOptions` and `meta.messages`.
 */
export function defineRule<const Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): RuleDefinition<Options, MessageIds> {
  return rule;
}

export const DOCS_BASE_URL = 'https://github.com/gitops-init/gitops-init/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
