import { rules } from '../../rules/index.js';
import { ruleDocsUrl, type RuleCategory, type Severity } from '../engine/rule.js';

export interface RuleListing {
  id: string;
  category: RuleCategory;
  severity: Severity;
  fixable: boolean;
  kinds: readonly string[] | null;
  description: string;
  docs: string;
}

/** The registry as data, sorted by id. */
export function listRules(): RuleListing[] {
  return rules.map((rule) => ({
    id: rule.id,
    category: rule.meta.docs.category,
    severity: rule.meta.docs.recommended,
    fixable: rule.meta.fixable === 'code',
    kinds: rule.meta.kinds ?? null,
    description: rule.meta.docs.description,
    docs: ruleDocsUrl(rule.id),
  }));
}
