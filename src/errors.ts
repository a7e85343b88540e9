/**
 * Known errors. Findings are never exceptions: these are for usage, configuration and
 * internal failures, each with a stable `code` that the CLI maps to an exit status.
 *
 * Messages are written for the programmatic API and the CLI alike. Where one names an option of
 * the call, it says so with a placeholder, `{{option:configFile}}`: `message` names the API
 * option (`configFile`), and the CLI, which alone knows its flags, renders the same error with
 * the flag (`--config`) through `describe`.
 */

/** How an option key is written in a message: the API writes the key itself, the CLI its flag. */
export type OptionNamer = (option: string) => string;

const OPTION_PLACEHOLDER = /\{\{option:([A-Za-z][\w.]*)\}\}/g;

/** Fills the `{{option:key}}` placeholders of a message template. */
export function nameOptions(template: string, name: OptionNamer = (option) => option): string {
  return template.replace(OPTION_PLACEHOLDER, (_match, option: string) => name(option));
}

/** The option keys a message template names, in order. */
export function optionsNamed(template: string): string[] {
  return [...template.matchAll(OPTION_PLACEHOLDER)].map((match) => match[1] ?? '');
}

/**
 * Control characters: C0 (the newline, tab, escape, …), DEL, C1 and the Unicode line and
 * paragraph separators. In a message they would break its line or reach the terminal as
 * commands.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A value the user gave, for a message: in double quotes, with quotes, backslashes and control
 * characters escaped as JSON escapes them (`"json\\nx"` for a newline), so that the message
 * stays one line whatever was typed.
 */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(CONTROL_CHARACTERS, escapeControl)}"`;
}

/** Text on one line: every control character escaped, the newline included. */
export function oneLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escapeControl);
}

/**
 * A message template with the control characters of its values escaped: every control
 * character but the newline, and newlines inside a double-quoted value (`--format "a\\nb"`),
 * where messages put what the user typed. A newline elsewhere separates the lines of a message
 * that lists several problems, one a line, and stays.
 */
function escapeValues(template: string): string {
  return template
    .replace(/"[^"]*"/g, (quoted) => quoted.replace(/\n/g, '\\n'))
    .replace(CONTROL_CHARACTERS, (character) => (character === '\n' ? character : escapeControl(character)));
}

export class GitopsError extends Error {
  readonly code: string;
  /** Exit status the CLI uses for this error. */
  readonly exitCode: number;
  /** The message with its option placeholders (see the module comment). */
  readonly template: string;

  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    // Messages quote values with "${value}" in many places; a value's control characters are
    // escaped here, once, so that none of them can break the message's line.
    const template = escapeValues(message);
    super(nameOptions(template), options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 2;
    this.template = template;
  }

  /** The options of the call this error is about, by key, in the order its message names them. */
  get optionKeys(): string[] {
    return optionsNamed(this.template);
  }

  /** The message with each option named by `name` (the CLI passes its flag names). */
  describe(name: OptionNamer): string {
    return nameOptions(this.template, name);
  }
}

/** A flag, argument or answer the user gave is not acceptable. Exit 2. */
export class UsageError extends GitopsError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'USAGE', message, { ...options, exitCode: 2 });
  }
}

/** One configuration problem, with the place it was found. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** gitops.yaml or another configuration file is invalid. Exit 2. */
export class ConfigError extends GitopsError {
  readonly problems: readonly ConfigProblem[];

  constructor(message: string, problems: readonly ConfigProblem[] = [], options?: { cause?: unknown }) {
    super('CONFIG', message, { ...options, exitCode: 2 });
    this.problems = problems;
  }
}

/** An action was refused (a conflict, a dirty tree, an existing tag). Exit 1. */
export class RefusedError extends GitopsError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'REFUSED', message, { ...options, exitCode: 1 });
  }
}

/** A bug in gitops-init itself. The CLI prints a "please report" line, the version and the stack. */
export class InternalError extends GitopsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, { ...options, exitCode: 2 });
  }
}

export function isGitopsError(error: unknown): error is GitopsError {
  return error instanceof GitopsError;
}
