/**
 * `gitops-init/eslint-plugin`: gitops-init's findings in ESLint, for editors (the VS Code ESLint
 * extension shows them as you type). See docs/editors.md.
 *
 * One ESLint rule per gitops-init rule, `gitops-init/<rule-id>`, each reporting that rule's
 * findings for the file being linted. The findings come from gitops-init's own lint of the text
 * ESLint holds (`lintEditorText`), run in a worker thread because ESLint's rules are synchronous.
 * The processor `gitops-init/yaml` gives each finding the severity the repository's gitops.yaml
 * sets (ESLint's own rule setting only turns a rule on or off) and adds the findings that belong
 * to no rule (unused or unknown `gitops-lint-disable` directives, a broken gitops.yaml).
 */
import path from 'node:path';
import type { ESLint, Linter, Rule, SourceCode } from 'eslint';
import { createSyncFn } from 'synckit';
import * as yamlParser from 'yaml-eslint-parser';
import { listRules, type RuleListing } from '../api/rules.js';
import type { LintMessage } from '../engine/results.js';
import { packageInfo } from '../package-info.js';
import type { EditorTextFindings, EditorTextRequest } from './lint-text.js';

/** The plugin's namespace in ESLint's configuration: its rule ids are `gitops-init/<rule-id>`. */
export const PLUGIN_NAME = 'gitops-init';

/** The files `configs.recommended` lints. */
export const YAML_FILES = ['**/*.yaml', '**/*.yml'];

const lintInWorker = createSyncFn<(request: EditorTextRequest) => Promise<EditorTextFindings>>(
  new URL('./worker.js', import.meta.url),
);

/**
 * The findings of the file the processor is handling: it lints the text once (in `preprocess`),
 * then the rules report from them and `postprocess` sets their severities.
 */
let current: { filePath: string; text: string; findings: EditorTextFindings } | undefined;
/** The findings of each text the rules see, for rules configured without the processor. */
const bySource = new WeakMap<SourceCode, EditorTextFindings | undefined>();

function lintText(filename: string, text: string): EditorTextFindings | undefined {
  // ESLint names text without a file `<text>`: there is no repository to lint it in.
  if (!path.isAbsolute(filename)) return undefined;
  return lintInWorker({ filePath: filename, text });
}

function findingsFor(filename: string, sourceCode: SourceCode): EditorTextFindings | undefined {
  if (bySource.has(sourceCode)) return bySource.get(sourceCode);
  const { text } = sourceCode;
  const findings =
    current?.filePath === filename && current.text === text ? current.findings : lintText(filename, text);
  bySource.set(sourceCode, findings);
  return findings;
}

function keyOf(ruleId: string | null, message: { line: number; column: number; message: string }): string {
  return `${ruleId ?? ''}\u0000${message.line}\u0000${message.column}\u0000${message.message}`;
}

function eslintRule(listing: RuleListing): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: listing.description, url: listing.docs },
      ...(listing.fixable ? { fixable: 'code' as const } : {}),
      schema: [],
    },
    create(context) {
      return {
        Program() {
          const findings = findingsFor(context.physicalFilename, context.sourceCode);
          for (const message of findings?.messages ?? []) {
            if (message.ruleId !== listing.id) continue;
            const { fix } = message;
            context.report({
              loc: {
                start: { line: message.line, column: message.column - 1 },
                end: { line: message.endLine ?? message.line, column: (message.endColumn ?? message.column) - 1 },
              },
              message: message.message,
              ...(fix && listing.fixable ? { fix: (fixer) => fixer.replaceTextRange(fix.range, fix.text) } : {}),
            });
          }
        },
      };
    },
  };
}

const processor: Linter.Processor = {
  meta: { name: `${PLUGIN_NAME}/yaml`, version: packageInfo().version },
  supportsAutofix: true,
  preprocess(text, filename) {
    const findings = lintText(filename, text);
    current = findings && { filePath: filename, text, findings };
    return [text];
  },
  postprocess(lists, filename) {
    const messages = lists.flat();
    const findings = current?.filePath === filename ? current.findings : undefined;
    if (!findings) return messages;
    const byKey = new Map<string, LintMessage>();
    for (const message of findings.messages) byKey.set(keyOf(message.ruleId, message), message);
    const prefix = `${PLUGIN_NAME}/`;
    for (const message of messages) {
      if (!message.ruleId?.startsWith(prefix)) continue;
      const found = byKey.get(keyOf(message.ruleId.slice(prefix.length), message));
      if (!found) continue;
      message.severity = found.severity;
      if (found.messageId !== undefined) message.messageId = found.messageId;
    }
    for (const found of findings.messages) {
      if (found.ruleId !== null) continue;
      messages.push({
        ruleId: null,
        severity: found.severity,
        message: found.message,
        line: found.line,
        column: found.column,
        ...(found.endLine === undefined ? {} : { endLine: found.endLine, endColumn: found.endColumn ?? found.column }),
      });
    }
    return messages.sort((a, b) => a.line - b.line || a.column - b.column);
  },
};

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(
  listRules().map((listing) => [listing.id, eslintRule(listing)]),
);

/** The plugin's shape: an ESLint plugin whose `configs.recommended` is a flat configuration list. */
export interface GitopsInitPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<string, Rule.RuleModule>;
  processors: { yaml: Linter.Processor };
  configs: { recommended: Linter.Config[] };
}

/**
 * The plugin, as ESLint's flat configuration takes it. `configs.recommended` is a list of
 * configuration objects: spread it into eslint.config.js.
 */
const plugin: GitopsInitPlugin = {
  meta: { name: PLUGIN_NAME, version: packageInfo().version },
  rules,
  processors: { yaml: processor },
  configs: { recommended: [] },
};

plugin.configs.recommended = [
  {
    name: `${PLUGIN_NAME}/recommended`,
    files: YAML_FILES,
    plugins: { [PLUGIN_NAME]: plugin },
    languageOptions: { parser: yamlParser },
    processor: `${PLUGIN_NAME}/yaml`,
    // Each rule on: the severity reported is the one gitops.yaml gives (the processor sets it).
    rules: Object.fromEntries(Object.keys(rules).map((id) => [`${PLUGIN_NAME}/${id}`, 'error'])),
  },
];

export default plugin;
