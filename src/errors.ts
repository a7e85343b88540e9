/**
 * Known errors. Findings are never exceptions: these are for usage, configuration and
 * internal failures, each with a stable `code` that the CLI maps to an exit status.
 */
export class GitopsError extends Error {
  readonly code: string;
  /** Exit status the CLI uses for this error. */
  readonly exitCode: number;

  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 2;
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
