import { defineRule } from '../src/engine/rule.js';
import { missingApprovals } from '../src/release/manifest.js';
import { nameOf, releaseManifests } from '../src/release/in-repository.js';

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
    schema: [],
    messages: {
      missing:
        '{{name}} is {{status}} without the approval of {{teams}}; record it with gitops-init release approve (an emergency promotion records its reason instead)',
      noTeam:
        "{{name}} is {{status}} but names no application_team, so the application team's approval cannot be checked",
    },
  },
  defaultOptions: [],
  check(context) {
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
    }
  },
});
