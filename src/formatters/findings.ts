import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LintMessage, LintResult } from '../engine/results.js';
import { toPosix } from '../files/paths.js';

/**
 * The rule id the machine-readable formats give to engine messages (`ruleId: null`, such as
 * unused or unknown `gitops-lint-disable` directives): SARIF requires a rule id on every result,
 * GitLab a check name, and GitHub code scanning a rule descriptor. One id for every engine
 * message, not one per kind, so that it stays stable when the engine gains new kinds of messages.
 * No `/` in it: SARIF reads `a/b` as sub-rule `b` of rule `a` (SARIF 2.1.0 §3.49.3,
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html); the
 * `gitops-init-` prefix keeps it apart from the rules, which are named after what they check.
 */
export const ENGINE_RULE_ID = 'gitops-init-engine';

/** One message of one file, flattened for the formats that list findings rather than files. */
export interface Finding {
  /** The rule id, or {@link ENGINE_RULE_ID} for an engine message. */
  ruleId: string;
  /** Whether the message came from the engine (`ruleId: null`) rather than from a rule. */
  isEngineMessage: boolean;
  /** The file's path relative to the context's cwd, POSIX separators. */
  path: string;
  /** The file's absolute path, as in the result. */
  filePath: string;
  message: LintMessage;
  /**
   * A hex SHA-256 of the rule id, the relative path, the message text and how many identical
   * (rule, path, message) findings come before it in the file. Positions are left out on purpose:
   * moving a finding to another line keeps its fingerprint, so code scanning and GitLab keep
   * tracking the same alert instead of closing one and opening another.
   */
  fingerprint: string;
}

/** `filePath` relative to `cwd` with POSIX separators (`.` for `cwd` itself). */
export function relativePath(cwd: string, filePath: string): string {
  const relative = path.relative(cwd, filePath);
  if (relative === '') return '.';
  return toPosix(relative);
}

/** Whether a relative path (from {@link relativePath}) leaves `cwd`: another drive or a `..` start. */
export function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith('../') || path.isAbsolute(relative);
}

function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column;
}

function fingerprintOf(ruleId: string, relative: string, message: string, occurrence: number): string {
  // JSON keeps the parts apart whatever characters they contain.
  return createHash('sha256')
    .update(JSON.stringify([ruleId, relative, message, occurrence]))
    .digest('hex');
}

/** Every message of every result, in result order and, within a file, in message order. */
export function flattenFindings(results: readonly LintResult[], cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const result of results) {
    const relative = relativePath(cwd, result.filePath);
    // Occurrences are counted in position order, so that the nth identical finding of a file keeps
    // its fingerprint whatever order the messages were given in.
    const occurrences = new Map<string, number>();
    const fingerprints = new Map<LintMessage, string>();
    for (const message of [...result.messages].sort(byPosition)) {
      const ruleId = message.ruleId ?? ENGINE_RULE_ID;
      const key = JSON.stringify([ruleId, message.message]);
      const occurrence = occurrences.get(key) ?? 0;
      occurrences.set(key, occurrence + 1);
      fingerprints.set(message, fingerprintOf(ruleId, relative, message.message, occurrence));
    }
    for (const message of result.messages) {
      findings.push({
        ruleId: message.ruleId ?? ENGINE_RULE_ID,
        isEngineMessage: message.ruleId === null,
        path: relative,
        filePath: result.filePath,
        message,
        fingerprint: fingerprints.get(message) ?? '',
      });
    }
  }
  return findings;
}
