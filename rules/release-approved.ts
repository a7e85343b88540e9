import { defineRule } from '../src/engine/rule.js';
import { missingApprovals } from '../src/release/manifest.js';
import { nameOf, releaseManifests } from '../src/release/in-repository.js';

interface ReleaseApprovedOptions {
  requireVerified?: boolean;
}

const defaults: ReleaseApprovedOptions = { requireVerified: false };

export default defineRule({
  id: 'release-approved',
  meta: {
    type: 'problem',
    docs: {
      description: 'An approved or promoted release has approvals from both the platform team and its application team',
      category: 'releases',
      recommended: 'error',
    },
    scope: 'repository',
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireVerified: {
            description:
              'Count only approvals read from the pull request (release approve --pr, verified: true), not typed ones (--by)',
            type: 'boolean',
          },
        },
      },
    ],
    messages: {
      missing:
        '{{name}} is {{status}} without the approval of {{teams}}; record it with gitops-init release approve (an emergency promotion records its reason instead)',
      unverified:
        "{{name}} is {{status}} with {{team}}'s approval typed by hand ({{approver}}, not verified); record it from the pull request with gitops-init release approve {{name}} --pr <number>",
      noTeam:
        "{{name}} is {{status}} but names no application_team, so the application team's approval cannot be checked",
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    const platformTeam = context.descriptor?.teams?.platform;
    for (const manifest of releaseManifests(context)) {
      const release = manifest.release;
      if (!release || (release.status !== 'promoted' && release.status !== 'approved') || release.emergency) continue;
      const data = { name: nameOf(manifest), status: release.status };
      if (release.application_team === undefined) {
        context.report({ file: manifest.file, line: 1, messageId: 'noTeam', data });
        continue;
      }
      const missing = missingApprovals(release, platformTeam);
      if (missing.length > 0)
        context.report({
          file: manifest.file,
          line: 1,
          messageId: 'missing',
          data: { ...data, teams: missing.join(' and ') },
        });
      if (options?.requireVerified !== true) continue;
      for (const approval of release.approvals ?? []) {
        if (approval.verified === true) continue;
        context.report({
          file: manifest.file,
          line: 1,
          messageId: 'unverified',
          data: { ...data, team: approval.team, approver: approval.approver },
        });
      }
    }
  },
});
