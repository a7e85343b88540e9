import { existsSync } from 'node:fs';
import path from 'node:path';
import { findRoot, lint, lintSource } from '../api/lint.js';
import { resolveCacheFile } from '../cache/lint-cache.js';
import type { FileSource, ConfigurableSource, WorkingTreeOptions } from '../engine/file-source.js';
import { WorkingTreeSource } from '../engine/file-source.js';
import { OverlaySource } from '../engine/overlay-source.js';
import type { LintMessage } from '../engine/results.js';
import type { RuleEntry } from '../config/descriptor.js';
import { ConfigError, GitopsError } from '../errors.js';
import { relativePosix } from '../files/paths.js';

/** What the editor asks: the text it holds (saved or not) of one file. */
export interface EditorTextRequest {
  /** Absolute path of the file. */
  filePath: string;
  /** The text being edited, which need not be what is on disk. */
  text: string;
}

/** The findings for one file, as the CLI reports them (ESLint-shaped messages). */
export interface EditorTextFindings {
  /** Repository-relative path of the file, or undefined when it is outside any repository's files. */
  file: string | undefined;
  messages: LintMessage[];
  /** Whether repository-wide findings came from a cached repository run. */
  repositoryRun: 'cached' | 'none';
}

/** The working tree with one file's content replaced by the editor's text. */
class EditorSource implements ConfigurableSource {
  readonly root: string;
  readonly #base: WorkingTreeSource;
  readonly #file: string;
  readonly #text: string;

  constructor(root: string, file: string, text: string) {
    this.root = root;
    this.#base = new WorkingTreeSource(root);
    this.#file = file;
    this.#text = text;
  }

  #overlay(source: FileSource): OverlaySource {
    const overlay = new OverlaySource(source);
    overlay.changes.set(this.#file, this.#text);
    return overlay;
  }

  withOptions(options: WorkingTreeOptions): FileSource {
    return this.#overlay(this.#base.withOptions(options));
  }

  listFiles(): Promise<string[]> {
    return this.#overlay(this.#base).listFiles();
  }

  readBytes(file: string): ReturnType<FileSource['readBytes']> {
    return file === this.#file ? Buffer.from(this.#text, 'utf8') : this.#base.readBytes(file);
  }

  pathKind(file: string): 'file' | 'directory' | undefined {
    return file === this.#file ? 'file' : this.#base.pathKind(file);
  }
}

/** An unused-directive message of the per-file run that names a rule the run turned off. */
const UNUSED_DIRECTIVE = /^Unused gitops-lint-[a-z-]+ directive \(no problems were reported from "([^"]+)"\)$/;

/**
 * Lints the editor's text of one file, as `gitops-init lint` would report that file:
 *
 * - per-file rules run on the text given (the repository's other files as on disk);
 * - repository-wide rules are taken from a repository run with the lint cache, when the
 *   repository has a cache file (`gitops-init lint --cache` made it): that run sees the files
 *   on disk, so its findings for this file are those of the file as last saved.
 *
 * Severities, messages and directives are the CLI's, from the repository's gitops.yaml; bulk
 * suppressions are not applied. Configuration errors are messages without a rule id: where they
 * are in a gitops.yaml being edited, else one on line 1.
 */
export async function lintEditorText(request: EditorTextRequest): Promise<EditorTextFindings> {
  const filePath = path.resolve(request.filePath);
  const root = findRoot(path.dirname(filePath));
  const file = relativePosix(root, filePath);
  if (file.startsWith('../') || path.isAbsolute(file)) return { file: undefined, messages: [], repositoryRun: 'none' };
  try {
    const { rules } = await import('../../rules/index.js');
    const repositoryRules = new Set(rules.filter((rule) => rule.meta.scope === 'repository').map((rule) => rule.id));
    const off: Record<string, RuleEntry> = Object.fromEntries([...repositoryRules].map((id) => [id, 'off']));
    const own = await lintSource(new EditorSource(root, file, request.text), root, {
      paths: [file],
      rules: off,
      ruleSet: rules,
      concurrency: 1,
    });
    const messages = messagesOf(own.results, filePath).filter((message) => {
      if (message.ruleId !== null) return !repositoryRules.has(message.ruleId);
      // The repository rules were turned off here: a directive naming one is judged by the repository run.
      const named = UNUSED_DIRECTIVE.exec(message.message)?.[1];
      return named === undefined || !repositoryRules.has(named);
    });
    let repositoryRun: EditorTextFindings['repositoryRun'] = 'none';
    if (existsSync(resolveCacheFile(root, root, undefined))) {
      try {
        // The same run as `gitops-init lint --cache` in the root: its snapshot is reused while no file changed.
        const cached = await lint({ cwd: root, cache: true, rulesMeta: false });
        repositoryRun = 'cached';
        for (const message of messagesOf(cached.results, filePath)) {
          const named = message.ruleId ?? UNUSED_DIRECTIVE.exec(message.message)?.[1];
          if (named !== undefined && repositoryRules.has(named)) messages.push(message);
        }
      } catch (error) {
        if (!(error instanceof GitopsError)) throw error;
        messages.push({
          ruleId: null,
          severity: 1,
          message: `gitops-init: repository-wide rules did not run: ${error.message}`,
          line: 1,
          column: 1,
        });
      }
    }
    return { file, messages: clamp(messages.sort(byPosition), request.text), repositoryRun };
  } catch (error) {
    if (!(error instanceof GitopsError)) throw error;
    // A descriptor being edited shows its problems where they are; elsewhere, one line says why nothing was linted.
    const own = error instanceof ConfigError ? error.problems.filter((problem) => problem.file === file) : [];
    const messages: LintMessage[] =
      own.length > 0
        ? own.map((problem) => ({
            ruleId: null,
            severity: 2,
            message: problem.message,
            line: problem.line ?? 1,
            column: problem.column ?? 1,
          }))
        : [{ ruleId: null, severity: 2, message: `gitops-init: ${error.message}`, line: 1, column: 1 }];
    return { file, messages: clamp(messages, request.text), repositoryRun: 'none' };
  }
}

function messagesOf(
  results: readonly { filePath: string; messages: LintMessage[] }[],
  filePath: string,
): LintMessage[] {
  return results.filter((result) => path.resolve(result.filePath) === filePath).flatMap((result) => result.messages);
}

function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');
}

/**
 * Keeps positions inside the text: a repository run's findings are for the file as saved, which
 * may have more lines than the text being edited.
 */
function clamp(messages: LintMessage[], text: string): LintMessage[] {
  const lines = text.split(/\r\n|\r|\n/);
  const at = (line: number, column: number): [number, number] => {
    const l = Math.min(Math.max(line, 1), lines.length);
    return [l, Math.min(Math.max(column, 1), (lines[l - 1]?.length ?? 0) + 1)];
  };
  return messages.map((message) => {
    const [line, column] = at(message.line, message.column);
    if (line === message.line && column === message.column && (message.endLine ?? 0) <= lines.length) return message;
    const clamped: LintMessage = { ...message, line, column };
    delete clamped.fix;
    if (message.endLine !== undefined) {
      const [endLine, endColumn] = at(message.endLine, message.endColumn ?? 1);
      clamped.endLine = endLine;
      clamped.endColumn = endColumn;
    }
    return clamped;
  });
}
