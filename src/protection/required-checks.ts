import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from '../manifests/yaml-nodes.js';

/** A required status check named in a branch protection file, with the node that names it. */
export interface RequiredCheck {
  context: string;
  node: YamlNode;
}

/** The GitHub App id of GitHub Actions: a check pinned to another app is not produced by a workflow. */
export const GITHUB_ACTIONS_APP_ID = 15368;

export const RULESET_FILE = /^\.github\/rulesets\/[^/]+\.json$/;
export const SETTINGS_FILES = ['.github/settings.yml', '.github/settings.yaml'] as const;

function mapItem(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function sequenceItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

/** `required_status_checks` entries: `{ context, integration_id? }` (rulesets and the newer protection API). */
function checkEntries(node: unknown, checks: RequiredCheck[]): void {
  for (const entry of sequenceItems(node)) {
    const context = mapItem(entry, 'context');
    const value = scalarValue(context);
    const app = scalarValue(mapItem(entry, 'integration_id'));
    if (typeof value !== 'string' || (app !== undefined && app !== null && app !== GITHUB_ACTIONS_APP_ID)) continue;
    checks.push({ context: value, node: context as YamlNode });
  }
}

/** Rulesets (the body of POST /repos/{owner}/{repo}/rulesets): required checks of every active or evaluated ruleset. */
function rulesetChecks(ruleset: unknown, checks: RequiredCheck[]): void {
  if (scalarValue(mapItem(ruleset, 'enforcement')) === 'disabled') return;
  for (const rule of sequenceItems(mapItem(ruleset, 'rules'))) {
    if (scalarValue(mapItem(rule, 'type')) !== 'required_status_checks') continue;
    checkEntries(mapItem(mapItem(rule, 'parameters'), 'required_status_checks'), checks);
  }
}

/** Required checks of a ruleset file, as GitHub exports and imports rulesets (.github/rulesets/*.json). */
export function rulesetRequiredChecks(document: Document.Parsed): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  rulesetChecks(document.contents, checks);
  return checks;
}

/**
 * Required checks of .github/settings.yml (safe-settings and the Settings app): the classic
 * protection of each branch (`required_status_checks.contexts` and `.checks`) and `rulesets`.
 */
export function settingsRequiredChecks(document: Document.Parsed): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  const root = document.contents as YAMLMap | null;
  for (const branch of sequenceItems(mapItem(root, 'branches'))) {
    const required = mapItem(mapItem(branch, 'protection'), 'required_status_checks');
    for (const context of sequenceItems(mapItem(required, 'contexts'))) {
      const value = scalarValue(context);
      if (typeof value === 'string') checks.push({ context: value, node: context as YamlNode });
    }
    checkEntries(mapItem(required, 'checks'), checks);
  }
  for (const ruleset of sequenceItems(mapItem(root, 'rulesets'))) rulesetChecks(ruleset, checks);
  return checks;
}
