import picomatch from 'picomatch';
import type { CheckProducer } from '../src/ci/check-producers.js';
import { isWorkflowFile, workflowCheckProducers } from '../src/ci/github-actions.js';
import { GITLAB_CI_FILE, gitlabCheckProducers, gitlabLocalIncludes } from '../src/ci/gitlab-ci.js';
import { defineRule } from '../src/engine/rule.js';
import { nodeToReport } from '../src/manifests/objects.js';
import { parseYamlFile, type YamlFile } from '../src/manifests/yaml-file.js';
import {
  RULESET_FILE,
  rulesetRequiredChecks,
  SETTINGS_FILES,
  settingsRequiredChecks,
  type RequiredCheck,
} from '../src/protection/required-checks.js';

interface ProtectionChecksExistOptions {
  externalChecks?: string[];
}

const defaults: ProtectionChecksExistOptions = {};

export default defineRule({
  id: 'protection-checks-exist',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Every required status check in the branch protection files is produced by a job of the repository's CI configuration",
      category: 'protection',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          externalChecks: {
            description:
              'Names (or globs) of required checks that a service outside this repository reports, such as a code coverage or CLA app.',
            type: 'array',
            items: { type: 'string', minLength: 1 },
          },
        },
      },
    ],
    messages: {
      noJob:
        'Required status check "{{check}}" is not produced by any job in {{ciFiles}}, so pull requests would wait for it forever; name a CI job "{{check}}", or list the check in the externalChecks option if a service outside this repository reports it',
      noCi: 'Required status check "{{check}}" has no CI configuration to produce it (no .github/workflows/*.yml or .gitlab-ci.yml), so pull requests would wait for it forever; add the CI job "{{check}}"',
      notOnPullRequests:
        'Required status check "{{check}}" comes from job "{{job}}" in {{file}}, which does not run on pull requests, so they would wait for it forever; add pull_request (or merge_group) to the workflow\'s "on:"',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const parse = (file: string): YamlFile | undefined => {
      if (context.isYamlFile(file)) return context.yaml(file);
      const text = context.text(file);
      // Rulesets are JSON: read as such, and parsed as YAML (JSON is YAML) only for a position.
      return text === undefined ? undefined : parseYamlFile(file, text, { json: true });
    };
    const firstDocument = (file: string): YamlFile['documents'][number] | undefined => {
      const parsed = parse(file);
      // Files that do not parse are yaml-syntax's to report.
      return parsed && parsed.errors.length === 0 ? parsed.documents[0] : undefined;
    };

    const required: { file: string; document: YamlFile['documents'][number]; check: RequiredCheck }[] = [];
    for (const file of context.files) {
      const isRuleset = RULESET_FILE.test(file);
      if (!isRuleset && !(SETTINGS_FILES as readonly string[]).includes(file)) continue;
      const document = firstDocument(file);
      if (!document) continue;
      for (const check of isRuleset ? rulesetRequiredChecks(document.value) : settingsRequiredChecks(document.value))
        required.push({ file, document, check });
    }
    if (required.length === 0) return;

    const producers: CheckProducer[] = [];
    const ciFiles: string[] = [];
    for (const file of context.files) {
      if (!isWorkflowFile(file)) continue;
      ciFiles.push(file);
      for (const item of workflowCheckProducers(file, firstDocument(file)?.value)) producers.push(item);
    }
    const gitlabFiles = [GITLAB_CI_FILE];
    for (let index = 0; index < gitlabFiles.length; index += 1) {
      const file = gitlabFiles[index] ?? '';
      if (!context.hasFile(file)) continue;
      ciFiles.push(file);
      const configuration = firstDocument(file)?.value;
      for (const item of gitlabCheckProducers(file, configuration)) producers.push(item);
      for (const include of gitlabLocalIncludes(configuration)) {
        const matches = picomatch(include, { dot: true });
        for (const candidate of include.includes('*') ? context.files.filter((name) => matches(name)) : [include]) {
          if (!gitlabFiles.includes(candidate)) gitlabFiles.push(candidate);
        }
      }
    }

    const isExternal =
      (options.externalChecks ?? []).length > 0 ? picomatch(options.externalChecks ?? []) : () => false;
    for (const { file, document, check } of required) {
      // The check's node, parsed for its position only when there is something to report.
      const node = (): ReturnType<typeof nodeToReport> => nodeToReport(document.document.contents, check.at);
      if (isExternal(check.context)) continue;
      const producing = producers.filter((producer) => producer.produces(check.context));
      const data = { check: check.context };
      if (producing.length === 0) {
        context.report({
          file,
          node: node(),
          messageId: ciFiles.length === 0 ? 'noCi' : 'noJob',
          data: { ...data, ciFiles: ciFiles.join(', ') },
        });
      } else if (!producing.some((producer) => producer.runsOnPullRequests)) {
        const producer = producing[0];
        context.report({
          file,
          node: node(),
          messageId: 'notOnPullRequests',
          data: { ...data, job: producer?.job ?? '', file: producer?.file ?? '' },
        });
      }
    }
  },
});
