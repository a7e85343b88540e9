import { declaresTeams, hostName, dialectOf } from '../src/codeowners/context.js';
import {
  CODEOWNERS_LOCATIONS,
  DEFAULT_CODEOWNERS_LOCATION,
  GITHUB_MAX_CODEOWNERS_BYTES,
  locateCodeowners,
} from '../src/codeowners/dialect.js';
import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  id: 'codeowners-exists',
  meta: {
    type: 'problem',
    docs: {
      description: 'Exactly one CODEOWNERS file, at a location the host reads',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [],
    messages: {
      missing:
        'No CODEOWNERS file where {{host}} reads one ({{locations}}), so nobody has to review any change; create {{path}}, or declare an ownership map in gitops.yaml and run gitops-init codeowners sync',
      shadowed:
        '{{host}} ignores this CODEOWNERS file because it reads {{active}} first; merge this file into {{active}} and delete it',
      foreignUnused:
        '{{host}} never reads a CODEOWNERS file at {{path}} (it reads {{active}}); merge this file into {{active}} and delete it',
      foreignOnly:
        '{{host}} never reads a CODEOWNERS file at {{path}}, so nobody has to review any change; move it to {{suggested}} (or set host in gitops.yaml if the repository is on the other host)',
      tooLarge:
        'This CODEOWNERS file is {{size}} MB; GitHub does not load a CODEOWNERS file of 3 MB or more, so nobody owns anything; shorten it with broader patterns',
    },
  },
  defaultOptions: [],
  check(context) {
    if (!declaresTeams(context.descriptor)) return;
    const dialect = dialectOf(context);
    const host = hostName(dialect);
    const location = locateCodeowners(dialect, (path) => context.hasFile(path));
    const active = location.active;
    if (active === undefined) {
      const suggested = DEFAULT_CODEOWNERS_LOCATION[dialect];
      for (const path of location.foreign)
        context.report({ file: path, messageId: 'foreignOnly', data: { host, path, suggested } });
      if (location.foreign.length === 0) {
        context.report({
          file: suggested,
          messageId: 'missing',
          data: { host, locations: CODEOWNERS_LOCATIONS[dialect].join(', '), path: suggested },
        });
      }
      return;
    }
    for (const path of location.shadowed) context.report({ file: path, messageId: 'shadowed', data: { host, active } });
    for (const path of location.foreign)
      context.report({ file: path, messageId: 'foreignUnused', data: { host, path, active } });
    const text = context.text(active);
    if (dialect === 'github' && text !== undefined) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes >= GITHUB_MAX_CODEOWNERS_BYTES) {
        context.report({ file: active, messageId: 'tooLarge', data: { size: (bytes / (1024 * 1024)).toFixed(1) } });
      }
    }
  },
});
