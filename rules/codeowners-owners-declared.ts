import { declaresTeams, loadCodeowners } from '../src/codeowners/context.js';
import type { CodeownersOwner } from '../src/codeowners/parse.js';
import { defineRule } from '../src/engine/rule.js';

interface DeclaredOptions {
  teamsOnly?: boolean;
  allow?: string[];
}

const defaults: DeclaredOptions = {};

export default defineRule({
  id: 'codeowners-owners-declared',
  meta: {
    type: 'problem',
    docs: {
      description: 'Every CODEOWNERS owner is a team or person declared in gitops.yaml',
      category: 'ownership',
      recommended: 'error',
    },
    scope: 'repository',
    kinds: ['infrastructure', 'application'],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          teamsOnly: {
            description: 'Only teams may own paths: people and e-mail addresses are reported even when declared.',
            type: 'boolean',
          },
          allow: {
            description: 'More owners that need no declaration, as written in CODEOWNERS (e.g. a bot account).',
            type: 'array',
            items: { type: 'string', minLength: 2 },
          },
        },
      },
    ],
    messages: {
      undeclared:
        '"{{owner}}" is not declared in gitops.yaml; add it under teams (teams.members for a person), or correct the name',
      notTeam:
        '"{{owner}}" is a person, but only teams may own paths here (teamsOnly); give the path to a team declared in gitops.yaml',
    },
  },
  defaultOptions: [defaults],
  check(context, [options]) {
    if (!declaresTeams(context.descriptor)) return;
    const codeowners = loadCodeowners(context);
    const teams = context.descriptor?.teams;
    if (!codeowners) return;
    const declaredTeams = [
      teams?.platform,
      teams?.application,
      ...(teams?.applications ?? []).map((tenant) => tenant.team),
    ];
    const known = new Set(
      [...declaredTeams, ...(options.teamsOnly ? [] : (teams?.members ?? [])), ...(options.allow ?? [])]
        .filter((name): name is string => name !== undefined)
        .map((name) => name.toLowerCase()),
    );
    const check = (owner: CodeownersOwner): void => {
      // GitLab's roles (@@maintainer) name the project's own members.
      if (owner.kind === 'role' && !options.teamsOnly) return;
      const name = owner.name.toLowerCase();
      if (known.has(name)) return;
      context.report({
        file: codeowners.path,
        messageId: options.teamsOnly && owner.kind !== 'team' ? 'notTeam' : 'undeclared',
        data: { owner: owner.name },
        line: owner.line,
        column: owner.column,
        endLine: owner.line,
        endColumn: owner.endColumn,
      });
    };
    for (const section of codeowners.parsed.sections)
      for (const header of section.headers) header.defaultOwners.forEach(check);
    // Lines without owners of their own take their section's defaults, checked above.
    for (const rule of codeowners.parsed.rules) if (rule.hasOwnOwners) rule.owners.forEach(check);
  },
});
