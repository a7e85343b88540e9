import picomatch from 'picomatch';
import { dialectOf, loadCodeowners } from '../src/codeowners/context.js';
import { renderReleaseSections, updateReleaseBlock } from '../src/codeowners/sync.js';
import { DESCRIPTOR_FILES } from '../src/config/descriptor.js';
import { defineRule } from '../src/engine/rule.js';
import {
  GITLAB_FILES,
  protectionTargets,
  RULESET_DIRECTORY,
  rulesetName,
  settingsPath,
} from '../src/protection/files.js';
import { defaultBranchOf, patternMatches, resolvePolicies } from '../src/protection/policy.js';
import { releaseApprovals, sampleReleasePath, type ReleaseApprover } from '../src/release/approvers.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `required_reviewers` of a ruleset's `pull_request` rule (empty when it has none). */
function requiredReviewers(ruleset: unknown): unknown[] {
  if (!isObject(ruleset) || !Array.isArray(ruleset.rules)) return [];
  const rule: unknown = ruleset.rules.find(
    (candidate: unknown) => isObject(candidate) && candidate.type === 'pull_request',
  );
  if (!isObject(rule) || !isObject(rule.parameters) || !Array.isArray(rule.parameters.required_reviewers)) return [];
  return rule.parameters.required_reviewers as unknown[];
}

/** Whether an entry of `required_reviewers` makes the team (by id) approve the path. */
function requires(entry: unknown, id: number, path: string): boolean {
  if (!isObject(entry) || !isObject(entry.reviewer) || !Array.isArray(entry.file_patterns)) return false;
  return (
    entry.reviewer.id === id &&
    entry.reviewer.type === 'Team' &&
    typeof entry.minimum_approvals === 'number' &&
    entry.minimum_approvals >= 1 &&
    entry.file_patterns.some(
      (pattern: unknown) => typeof pattern === 'string' && picomatch.isMatch(path, pattern, { dot: true }),
    )
  );
}

export default defineRule({
  id: 'release-approvals-enforced',
  meta: {
    type: 'problem',
    docs: {
      description:
        "The host requires the platform team's and the application team's approval of a change to the releases",
      category: 'releases',
      recommended: 'error',
    },
    fixable: 'code',
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      noPlatformTeam:
        "{{directory}}/ holds releases, which need the platform team's approval, but teams.platform is not set; set it to the platform team (@org/team)",
      noRuleset:
        "The protection targets ({{targets}}) include no ruleset, and GitHub's classic branch protection cannot require a team's approval of {{directory}}/; add github-ruleset to protection.targets",
      noPolicy:
        'No protection policy covers the default branch {{branch}}, where releases are merged, so nothing requires their approval; add {{branch}} to protection.branches',
      rulesetWithoutTeam:
        "The ruleset does not require {{team}}'s approval of {{path}} (required_reviewers with team id {{id}}, at least 1 approval); run gitops-init protect render --force",
      codeOwnerApprovalOff:
        '{{file}} does not require code owner approval on {{branch}}, so GitLab ignores the release sections of CODEOWNERS; run gitops-init protect render --force',
      noCodeowners:
        "There is no CODEOWNERS file, so GitLab requires nobody's approval of {{directory}}/; run gitops-init codeowners sync",
      noSection:
        "GitLab does not require {{team}}'s approval of {{path}}: no required CODEOWNERS section gives it to {{team}} alone ({{owners}}); run gitops-init codeowners sync (or lint --fix) to add [Release: {{label}}][1]",
    },
  },
  defaultOptions: [],
  check(context) {
    const kind = context.kind;
    const descriptor = context.descriptor;
    if (!kind || !descriptor) return;
    // A repository without a releases directory keeps no releases: nothing to approve.
    const approvals = releaseApprovals(descriptor, (directory) => context.hasDirectory(directory));
    if (!approvals) return;
    const descriptorFile = DESCRIPTOR_FILES.find((file) => context.hasFile(file)) ?? 'gitops.yaml';
    const { directory } = approvals;
    if (!descriptor.teams?.platform) {
      context.report({ file: descriptorFile, messageId: 'noPlatformTeam', data: { directory } });
    }
    const dialect = dialectOf(context);
    const branch = defaultBranchOf(descriptor);
    const policies = resolvePolicies(descriptor, kind).filter((policy) => patternMatches(policy.branch, branch));
    if (policies.length === 0) {
      context.report({ file: descriptorFile, messageId: 'noPolicy', data: { branch } });
      return;
    }
    const targets = protectionTargets(descriptor, dialect);
    if (dialect === 'github') {
      if (!targets.includes('github-ruleset') && !targets.includes('settings')) {
        context.report({
          file: descriptorFile,
          messageId: 'noRuleset',
          data: { targets: targets.join(', '), directory },
        });
        return;
      }
      // The rendered rulesets: a team whose id is known must be required there. A team whose
      // id is not known yet is added by protect apply, which looks it up.
      const rulesets: { file: string; ruleset: unknown }[] = [];
      for (const policy of policies) {
        const name = rulesetName(policy.branch);
        const file = `${RULESET_DIRECTORY}/${name}.json`;
        const text = targets.includes('github-ruleset') && context.hasFile(file) ? context.text(file) : undefined;
        if (text !== undefined) {
          try {
            rulesets.push({ file, ruleset: JSON.parse(text) as unknown });
          } catch {
            // protection-files-in-sync reports a file that is not JSON.
          }
        }
        const settings = settingsPath((path) => context.hasFile(path));
        if (targets.includes('settings') && context.hasFile(settings)) {
          const value: unknown = context.yaml(settings)?.documents[0]?.value;
          const list = isObject(value) && Array.isArray(value.rulesets) ? (value.rulesets as unknown[]) : [];
          const ruleset = list.find((candidate) => isObject(candidate) && candidate.name === name);
          if (ruleset !== undefined) rulesets.push({ file: settings, ruleset });
        }
      }
      for (const { file, ruleset } of rulesets) {
        const entries = requiredReviewers(ruleset);
        for (const approver of approvals.approvers) {
          const id = approvals.teamIds[approver.team];
          if (id === undefined) continue;
          const path = sampleReleasePath(approver);
          if (entries.some((entry) => requires(entry, id, path))) continue;
          context.report({
            file,
            line: 1,
            messageId: 'rulesetWithoutTeam',
            data: { team: approver.team, path: approver.directory, id },
          });
        }
      }
      return;
    }
    // GitLab: the sections bind only where the protected branch requires code owner approval.
    if (targets.includes('gitlab') && context.hasFile(GITLAB_FILES.protectedBranches)) {
      let branches: unknown;
      try {
        branches = JSON.parse(context.text(GITLAB_FILES.protectedBranches) ?? '') as unknown;
      } catch {
        branches = undefined;
      }
      for (const policy of policies) {
        const entry = Array.isArray(branches)
          ? (branches as unknown[]).find((candidate) => isObject(candidate) && candidate.name === policy.branch)
          : undefined;
        if (isObject(entry) && entry.code_owner_approval_required !== true) {
          context.report({
            file: GITLAB_FILES.protectedBranches,
            line: 1,
            messageId: 'codeOwnerApprovalOff',
            data: { file: GITLAB_FILES.protectedBranches, branch: policy.branch },
          });
        }
      }
    }
    const codeowners = loadCodeowners(context);
    if (!codeowners) {
      context.report({ file: descriptorFile, messageId: 'noCodeowners', data: { directory } });
      return;
    }
    const update = updateReleaseBlock(codeowners.text, renderReleaseSections(approvals));
    let fixed = false;
    const failing: ReleaseApprover[] = approvals.approvers.filter((approver) => {
      const team = approver.team.toLowerCase();
      const ownership = codeowners.matcher.match(sampleReleasePath(approver));
      return !ownership.matches.some(
        (match) =>
          !match.section.optional &&
          match.owners.length > 0 &&
          match.owners.every((owner) => owner.name.toLowerCase() === team),
      );
    });
    for (const approver of failing) {
      const ownership = codeowners.matcher.match(sampleReleasePath(approver));
      const fix =
        !fixed && (update.status === 'inserted' || update.status === 'updated')
          ? { edits: [{ range: update.range, text: update.replacement }] }
          : undefined;
      fixed = true;
      context.report({
        file: codeowners.path,
        line: 1,
        messageId: 'noSection',
        data: {
          team: approver.team,
          path: approver.directory,
          label: approver.label,
          owners:
            ownership.matches.length === 0
              ? 'no section matches it'
              : `owned by ${ownership.matches
                  .map(
                    (match) =>
                      `${match.owners.map((owner) => owner.name).join(' ') || 'nobody'} in ${match.section.name === undefined ? 'the default section' : `[${match.section.name}]`}${match.section.optional ? ' (optional)' : ''}`,
                  )
                  .join('; ')}`,
        },
        ...(fix ? { fix } : {}),
      });
    }
  },
});
