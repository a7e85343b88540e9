import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { distance } from 'fastest-levenshtein';
import { ConfigError, UsageError, type ConfigProblem } from '../errors.js';
import type { AnyRule, Severity } from './rule.js';
import { compileSchema, describeAjvErrorNaming } from '../config/schema-validation.js';
import { optionsOf, severityOf, type LoadedDescriptor, type RuleEntry } from '../config/descriptor.js';

export interface RuleSetting {
  severity: Severity;
  options: readonly unknown[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/** Merges user options over a rule's defaults, object options key by key (as typescript-eslint). */
export function mergeOptions(defaults: readonly unknown[], user: readonly unknown[] | undefined): readonly unknown[] {
  if (!user) return defaults;
  const length = Math.max(defaults.length, user.length);
  return Array.from({ length }, (_, index) => deepMerge(defaults[index], user[index]));
}

function optionsSchema(rule: AnyRule): object {
  const schema = rule.meta.schema;
  if (Array.isArray(schema)) {
    // ajv refuses `items: []` as an invalid schema: a rule without options allows an empty list only.
    return schema.length === 0
      ? { type: 'array', maxItems: 0 }
      : { type: 'array', items: schema, minItems: 0, maxItems: schema.length };
  }
  return schema;
}

/** Names a path in a rule's options as the user counts them in gitops.yaml: option 1 is the first value after the severity. */
function optionName(path: readonly (string | number)[]): string {
  const [index, ...rest] = path;
  if (typeof index !== 'number') return path.length === 0 ? 'the options' : `"${path.join('.')}"`;
  return rest.length === 0 ? `option ${index + 1}` : `"${rest.join('.')}" of option ${index + 1}`;
}

/** What is wrong with a rule's options; `path` is in the options list (0 is the first option). */
function describeOptionsError(error: ErrorObject): { path: (string | number)[]; message: string } {
  if (error.keyword === 'maxItems' && error.instancePath === '') {
    const limit = Number((error.params as { limit: unknown }).limit);
    return {
      path: [limit],
      message:
        limit === 0
          ? 'the rule takes no options; remove them'
          : `the rule takes at most ${limit} option${limit === 1 ? '' : 's'}; remove the rest`,
    };
  }
  return describeAjvErrorNaming(error, optionName);
}

const validators = new Map<string, ReturnType<typeof compileSchema>>();

function validatorFor(rule: AnyRule): ReturnType<typeof compileSchema> {
  let validator = validators.get(rule.id);
  if (!validator) {
    validator = compileSchema(optionsSchema(rule));
    validators.set(rule.id, validator);
  }
  return validator;
}

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

interface CompiledOverride {
  matches: (file: string) => boolean;
  rules: Record<string, RuleEntry>;
}

/**
 * The severity and options of every rule, for the repository and for each file (overrides
 * by glob, later ones winning). Built once per run; options are validated against each
 * rule's `meta.schema` before any rule runs.
 */
export class RuleConfig {
  readonly #rules: ReadonlyMap<string, AnyRule>;
  readonly #base: Map<string, RuleSetting>;
  readonly #overrides: CompiledOverride[];
  readonly #cache = new Map<string, Map<string, RuleSetting>>();

  constructor(
    rules: ReadonlyMap<string, AnyRule>,
    loaded: Pick<LoadedDescriptor, 'file' | 'descriptor' | 'lineOf'> | undefined,
    cliRules: Record<string, RuleEntry> = {},
    /** Settings already checked against every rule (a lint worker thread, which knows only the rules it runs). */
    { checked = false }: { checked?: boolean } = {},
  ) {
    this.#rules = rules;
    const problems: ConfigProblem[] = [];
    const file = loaded?.file ?? 'gitops.yaml';
    const check = (entries: Record<string, RuleEntry>, path: (string | number)[]): void => {
      for (const [id, entry] of Object.entries(entries)) {
        const rule = rules.get(id);
        const line = loaded?.lineOf([...path, id]);
        if (!rule) {
          const suggestion = closest(id, rules.keys());
          problems.push({
            file,
            line,
            message: `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"? Run` : '; run'} 'gitops-init rules' for the list`,
          });
          continue;
        }
        const options = optionsOf(entry);
        if (options) {
          const validate = validatorFor(rule);
          if (!validate(mergeOptions(rule.defaultOptions as readonly unknown[], options))) {
            for (const error of validate.errors ?? []) {
              const described = describeOptionsError(error);
              problems.push({
                file,
                line:
                  loaded?.lineOf([
                    ...path,
                    id,
                    ...described.path.map((key, index) => (index === 0 && typeof key === 'number' ? key + 1 : key)),
                  ]) ?? line,
                message: `options of rule "${id}": ${described.message}`,
              });
            }
          }
        }
      }
    };
    const descriptor = loaded?.descriptor;
    if (!checked) {
      check(descriptor?.rules ?? {}, ['rules']);
      (descriptor?.overrides ?? []).forEach((override, index) => check(override.rules, ['overrides', index, 'rules']));
    }
    if (problems.length > 0) throw new ConfigError(`${file} has invalid rule settings`, problems);
    // --rule settings are the command line's, not gitops.yaml's: a problem names the flag.
    if (!checked) check(cliRules, []);
    const [flagProblem] = problems;
    if (flagProblem) throw new UsageError(`{{option:rules}}: ${flagProblem.message}`);

    this.#base = new Map();
    for (const rule of rules.values()) {
      const entry = cliRules[rule.id] ?? descriptor?.rules?.[rule.id];
      this.#base.set(rule.id, {
        severity: entry === undefined ? rule.meta.docs.recommended : severityOf(entry),
        options: mergeOptions(
          rule.defaultOptions as readonly unknown[],
          entry === undefined ? undefined : optionsOf(entry),
        ),
      });
    }
    this.#overrides = (descriptor?.overrides ?? []).map((override) => ({
      matches: picomatch(override.files, { dot: true }),
      rules: override.rules,
    }));
  }

  /** The setting that applies to the repository as a whole (no override). */
  base(ruleId: string): RuleSetting {
    const setting = this.#base.get(ruleId);
    if (!setting) throw new Error(`unknown rule ${ruleId}`);
    return setting;
  }

  /** A key that is equal for files that every override treats alike. */
  overrideKey(file: string): string {
    if (this.#overrides.length === 0) return '';
    return this.#overrides.map((override) => (override.matches(file) ? '1' : '0')).join('');
  }

  /** The setting of a rule for one file. */
  forFile(ruleId: string, file: string): RuleSetting {
    const key = this.overrideKey(file);
    if (key === '' || !key.includes('1')) return this.base(ruleId);
    let settings = this.#cache.get(key);
    if (!settings) {
      settings = new Map();
      this.#cache.set(key, settings);
    }
    let setting = settings.get(ruleId);
    if (!setting) {
      setting = this.base(ruleId);
      const rule = this.#rules.get(ruleId);
      this.#overrides.forEach((override, index) => {
        const entry = override.rules[ruleId];
        if (key[index] !== '1' || entry === undefined || !rule) return;
        const options = optionsOf(entry);
        setting = {
          severity: severityOf(entry),
          options: options
            ? mergeOptions(rule.defaultOptions as readonly unknown[], options)
            : (setting?.options ?? []),
        };
      });
      settings.set(ruleId, setting);
    }
    return setting;
  }
}
