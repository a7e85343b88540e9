import { dialectOf, loadCodeowners } from '../src/codeowners/context.js';
import { locateCodeowners } from '../src/codeowners/dialect.js';
import type { ProblemCode } from '../src/codeowners/parse.js';
import { defineRule } from '../src/engine/rule.js';

interface SyntaxOptions {
  allowOwnerless?: boolean;
}

const defaults: SyntaxOptions = {};

const messages = {
  unreadable:
    'Cannot read this CODEOWNERS file: {{detail}}; its owners are not checked, and the host may not read it either',
  negation:
    'GitHub does not support "!" to negate a pattern and ignores this line ("{{pattern}}"); give the paths that need other owners lines of their own below the broader one',
  escapedHash:
    'GitHub does not support escaping "#" with "\\" and ignores this line ("{{pattern}}"); use "?" for the "#" (it matches any one character)',
  hashInPattern:
    'GitHub reads "#" as the start of a comment, so this line is the pattern "{{pattern}}" and everything after the "#" is ignored; use "?" for the "#" (it matches any one character)',
  sectionHeader:
    '"{{pattern}}" is GitLab\'s section syntax; GitHub has no sections and reads it as a pattern for a file of that name; remove it, or set host: gitlab in gitops.yaml',
  invalidOwner: '"{{owner}}" is not an owner GitHub accepts; write @user, @org/team or an e-mail address',
  invalidOwnerGitlab: 'GitLab finds no owner in "{{owner}}"; write @user, @group/subgroup, @@role or an e-mail address',
  noOwners:
    '"{{pattern}}" has no owners, which takes the files it matches away from every earlier line: nobody has to review them; add an owner, or set allowOwnerless if that is intended',
  missingOwner:
    '"{{pattern}}" has no owners and its section has no default owners, which GitLab reports as an error; add an owner, or default owners to the section header',
  ignoredOwnerText:
    'GitLab ignores "{{text}}": it is not @user, @group, @@role or an e-mail address; remove it or prefix it with @',
  inlineComment:
    'GitLab has no inline comments: the owners after "#" on this line are owners too; move the comment to a line of its own',
  exclusionOwners: 'GitLab ignores owners on an exclusion ("!{{pattern}}"); remove them',
  unterminatedClass: '"{{pattern}}" has a "[" without "]", which GitLab matches to nothing; escape it as "\\["',
  invalidSection:
    'GitLab reads "{{text}}" as a broken section header (no closing "]"); close the bracket, or escape it as "\\[" if it is a pattern',
  sectionNameMissing: 'A section header needs a name between the brackets',
  optionalWithApprovals:
    'An optional section (^[{{name}}]) cannot require approvals; remove the "^" or the approval count',
  invalidSectionOwners:
    'GitLab finds no owner in "{{text}}" after [{{name}}]; write @user, @group/subgroup, @@role or an e-mail address',
  sectionTrailingText:
    'GitLab ignores "{{text}}" after the header of [{{name}}]; put the default owners right after the header, separated by spaces',
  patternReadAsSection:
    'GitLab reads "{{text}}" as the header of a section [{{name}}], not as a pattern; escape the first bracket ("\\[") to make it a pattern',
} as const;

type MessageId = keyof typeof messages;

function messageIdOf(code: ProblemCode, dialect: 'github' | 'gitlab'): MessageId {
  return code === 'invalidOwner' && dialect === 'gitlab' ? 'invalidOwnerGitlab' : code;
}

export default defineRule({
  id: 'codeowners-syntax',
  meta: {
    type: 'problem',
    docs: {
      description: 'CODEOWNERS uses only syntax its host supports, well-formed owners, and an owner on every line',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'file',
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowOwnerless: {
            description:
              'Allow GitHub lines without owners, which take the files they match away from every earlier line.',
            type: 'boolean',
          },
        },
      },
    ],
    messages,
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    // A per-file rule: it speaks only when CODEOWNERS is among the files being linted.
    const active = locateCodeowners(dialectOf(context), (path) => context.hasFile(path)).active;
    if (active === undefined || !context.targetFiles.includes(active)) return;
    // A file that cannot be read as text (binary, not UTF-8, a link out of the repository) is not
    // clean: say so rather than stay silent.
    const failure = context.readFailure(active);
    if (failure) {
      context.report({ file: active, messageId: 'unreadable', data: { detail: failure.detail }, line: 1, column: 1 });
      return;
    }
    const codeowners = loadCodeowners(context);
    if (!codeowners) return;
    for (const problem of codeowners.parsed.problems) {
      if (problem.code === 'noOwners' && options.allowOwnerless) continue;
      context.report({
        file: codeowners.path,
        messageId: messageIdOf(problem.code, codeowners.dialect),
        data: problem.data,
        line: problem.line,
        column: problem.column,
        endLine: problem.line,
        endColumn: problem.endColumn,
      });
    }
  },
});
