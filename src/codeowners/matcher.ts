import type { CodeownersFile, CodeownersOwner, CodeownersRule, CodeownersSection } from './parse.js';

/** One line that decides a path's owners (GitHub: the last match; GitLab: the last match of a section). */
export interface OwnershipMatch {
  rule: CodeownersRule;
  section: CodeownersSection;
  owners: readonly CodeownersOwner[];
}

export interface Ownership {
  /** Every owner once, in the order of `matches`. Empty: nobody owns the path. */
  owners: string[];
  /** GitHub: the deciding line, if any. GitLab: the deciding line of each section that has one, in section order. */
  matches: OwnershipMatch[];
  /** GitLab: exclusions (`!pattern`) that took the path out of their section. */
  exclusions: CodeownersRule[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  rules: number[];
}

function push(map: Map<string, number[]>, key: string, rank: number): void {
  const list = map.get(key);
  if (list) list.push(rank);
  else map.set(key, [rank]);
}

/**
 * A CODEOWNERS file compiled for matching. Each pattern was compiled once when parsed; here
 * the patterns are indexed by their leading literal directories (a segment trie), by a literal
 * segment they need, or by a file extension, so that a path is tested only against the lines
 * that could match it, latest first, instead of against every line.
 */
export class CodeownersMatcher {
  readonly file: CodeownersFile;
  /** Effective rules in matching order; a rule's rank is its index here. */
  readonly rules: readonly CodeownersRule[];
  readonly #trie: TrieNode = { children: new Map(), rules: [] };
  readonly #names = new Map<string, number[]>();
  readonly #extensions = new Map<string, number[]>();
  readonly #generic: number[] = [];
  readonly #seen: Uint32Array;
  #generation = 0;
  readonly #sectionStamp: Uint32Array;
  readonly #sectionRule: Int32Array;
  readonly #sectionExcluded: Uint8Array;

  constructor(file: CodeownersFile) {
    this.file = file;
    this.rules = file.rules.filter((rule) => rule.effective).sort((a, b) => a.order - b.order);
    this.rules.forEach((rule, rank) => {
      const { prefix, literalSegment, extension } = rule.compiled;
      if (prefix.length > 0) {
        let node = this.#trie;
        for (const segment of prefix) {
          let child = node.children.get(segment);
          if (!child) node.children.set(segment, (child = { children: new Map(), rules: [] }));
          node = child;
        }
        node.rules.push(rank);
      } else if (literalSegment !== undefined) {
        push(this.#names, literalSegment, rank);
      } else if (extension !== undefined) {
        push(this.#extensions, extension, rank);
      } else {
        this.#generic.push(rank);
      }
    });
    this.#seen = new Uint32Array(this.rules.length);
    this.#sectionStamp = new Uint32Array(file.sections.length);
    this.#sectionRule = new Int32Array(file.sections.length);
    this.#sectionExcluded = new Uint8Array(file.sections.length);
  }

  /** Ranks of the rules that could match the path, latest first. */
  #candidates(path: string): number[] {
    this.#generation += 1;
    if (this.#generation === 0xffffffff) {
      this.#seen.fill(0);
      this.#sectionStamp.fill(0);
      this.#generation = 1;
    }
    const generation = this.#generation;
    const seen = this.#seen;
    const found: number[] = [];
    const add = (ranks: readonly number[] | undefined): void => {
      if (!ranks) return;
      for (const rank of ranks) {
        if (seen[rank] !== generation) {
          seen[rank] = generation;
          found.push(rank);
        }
      }
    };
    const segments = path.split('/');
    let node: TrieNode | undefined = this.#trie;
    for (const segment of segments) {
      node = node.children.get(segment);
      if (!node) break;
      add(node.rules);
    }
    if (this.#names.size > 0 || this.#extensions.size > 0) {
      for (const segment of segments) {
        add(this.#names.get(segment));
        const dot = segment.lastIndexOf('.');
        if (dot !== -1) add(this.#extensions.get(segment.slice(dot + 1)));
      }
    }
    add(this.#generic);
    return found.sort((a, b) => b - a);
  }

  /** Who owns a repository-relative POSIX path (it need not exist), and which lines decided. */
  match(path: string): Ownership {
    const candidates = this.#candidates(path);
    const sections = this.file.sections;
    if (this.file.dialect === 'github') {
      for (const rank of candidates) {
        const rule = this.rules[rank];
        if (rule?.compiled.regex.test(path)) {
          const section = sections[rule.section] ?? sections[0];
          if (!section) break;
          return {
            owners: uniqueNames(rule.owners),
            matches: [{ rule, section, owners: rule.owners }],
            exclusions: [],
          };
        }
      }
      return { owners: [], matches: [], exclusions: [] };
    }
    // GitLab: each section applies its own last match; an exclusion that matches anywhere in
    // the section takes the path out of it, whatever the order.
    const generation = this.#generation;
    const exclusions: CodeownersRule[] = [];
    for (const rank of candidates) {
      const rule = this.rules[rank];
      if (!rule) continue;
      const section = rule.section;
      if (this.#sectionStamp[section] !== generation) {
        this.#sectionStamp[section] = generation;
        this.#sectionRule[section] = -1;
        this.#sectionExcluded[section] = 0;
      }
      if (rule.exclusion) {
        if (!this.#sectionExcluded[section] && rule.compiled.regex.test(path)) {
          this.#sectionExcluded[section] = 1;
          exclusions.push(rule);
        }
      } else if (this.#sectionRule[section] === -1 && rule.compiled.regex.test(path)) {
        this.#sectionRule[section] = rank;
      }
    }
    const matches: OwnershipMatch[] = [];
    sections.forEach((section, index) => {
      if (this.#sectionStamp[index] !== generation || this.#sectionExcluded[index]) return;
      const rule = this.rules[this.#sectionRule[index] ?? -1];
      if (rule) matches.push({ rule, section, owners: rule.owners });
    });
    return { owners: uniqueNames(matches.flatMap((match) => match.owners)), matches, exclusions };
  }

  /** Every effective rule whose pattern matches the path, in matching order. */
  matchingRules(path: string): CodeownersRule[] {
    const matching: CodeownersRule[] = [];
    for (const rank of this.#candidates(path).reverse()) {
      const rule = this.rules[rank];
      if (rule?.compiled.regex.test(path)) matching.push(rule);
    }
    return matching;
  }
}

function uniqueNames(owners: readonly CodeownersOwner[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const owner of owners) {
    const key = owner.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(owner.name);
  }
  return names;
}
