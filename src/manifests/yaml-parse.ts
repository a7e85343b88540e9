/**
 * Parsing YAML as the readers of Kubernetes tools read it. kubectl, Helm, Flux and Argo CD read
 * YAML with go-yaml (directly, through sigs.k8s.io/yaml, or through kustomize's kyaml), a port
 * of libyaml. Where go-yaml accepts what the YAML 1.2 specification forbids, and the `yaml`
 * package follows the specification, a lint that used the package as it comes would report
 * errors in files every tool applies. The differences handled here (each checked against
 * `kubectl kustomize` and kubeconfig loading in test/manifests/go-yaml-oracle.test.ts):
 *
 * - A multi-line quoted scalar whose continuation lines are indented no deeper than its key
 *   (older controller-gen CRDs wrap single-quoted descriptions this way; controllers write
 *   status messages so): libyaml does not check the indentation inside quotes, only a document
 *   marker at the start of a line ends the scalar. The package's lexer is told the same.
 * - A flow collection (`[...]`, `{...}`) whose lines or closing bracket are indented less than
 *   the block around it: libyaml ignores indentation inside flow collections. Likewise.
 * - A comment right after a quoted scalar or a block scalar header, without a space
 *   (`key: "value"#note`): accepted with `strict: false`.
 * - Merge keys (`<<: *defaults`): go-yaml merges them; YAML 1.2's core schema does not, so
 *   `merge: true`.
 *
 * With `strict: false` the package also accepts two things go-yaml rejects, both rare: implicit
 * keys longer than 1024 characters, and implicit keys of flow sequence pairs over several lines.
 * `logLevel: 'error'` keeps the package from printing process warnings (a mapping used as a key,
 * as an unrendered `{{ .Name }}` is, is stringified when converted to plain data).
 */
import type { CST, Document, Lexer, LineCounter } from 'yaml';
import { yamlPackage } from './yaml-nodes.js';

/** The options every parse of linted YAML uses; block-yaml.ts's values equal what they give. */
export const PARSE_OPTIONS = {
  // Duplicate keys are found in one pass by yaml-file.ts: the package's own check is quadratic.
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: false,
  strict: false,
  merge: true,
  logLevel: 'error',
} as const;

/** The members of the package's Lexer that the quoted-scalar change touches (not public API). */
interface LexerInternals {
  indentNext: number;
  continueScalar: (this: LexerInternals, offset: number) => number;
  parseQuotedScalar: (this: LexerInternals) => Generator<string, string>;
  parseFlowCollection: (this: LexerInternals) => Generator<string, string>;
}

/**
 * A Lexer that reads quoted scalars and flow collections as libyaml does, at any indentation.
 * The lexer decides where a quoted scalar ends in `parseQuotedScalar`, asking `continueScalar`
 * whether each following line continues it; in a flow collection, `parseFlowCollection` ends the
 * collection at a line indented less than the block around it. Both questions are answered here
 * as at the top level of a document (indentation 0), where only a document marker at the start
 * of a line ends a scalar or a collection. Plain and block scalars outside flow collections,
 * which libyaml does hold to their indentation, are unchanged. These members are not the
 * package's public API: should a later version rename them, the lexer is returned as it is, and
 * test/manifests/go-yaml-oracle.test.ts fails.
 */
function kubernetesLexer(): Lexer {
  const lexer = new (yamlPackage().Lexer)();
  const internals = lexer as unknown as LexerInternals;
  const { continueScalar, parseQuotedScalar, parseFlowCollection } = internals;
  if (
    typeof continueScalar !== 'function' ||
    typeof parseQuotedScalar !== 'function' ||
    typeof parseFlowCollection !== 'function'
  )
    return lexer;
  let inQuotedScalar = false;
  internals.continueScalar = function (offset) {
    if (!inQuotedScalar) return continueScalar.call(this, offset);
    const indentNext = this.indentNext;
    this.indentNext = 0;
    try {
      return continueScalar.call(this, offset);
    } finally {
      this.indentNext = indentNext;
    }
  };
  internals.parseQuotedScalar = function* () {
    const steps = parseQuotedScalar.call(this);
    // The scalar's end is found before the generator's first token, so only that step asks.
    inQuotedScalar = true;
    let step: IteratorResult<string, string>;
    try {
      step = steps.next();
    } finally {
      inQuotedScalar = false;
    }
    while (step.done !== true) {
      yield step.value;
      step = steps.next();
    }
    return step.value;
  };
  internals.parseFlowCollection = function* () {
    // Nothing else in the lexer runs while this generator waits at a token: the indentation
    // it sees is 0 until the collection ends, then what it was (unless a line start reset it).
    const indentNext = this.indentNext;
    this.indentNext = 0;
    try {
      return yield* parseFlowCollection.call(this);
    } finally {
      if (this.indentNext === 0) this.indentNext = indentNext;
    }
  };
  return lexer;
}

/**
 * Parses a YAML stream into documents, with positions counted by `lineCounter` when given.
 * Never throws for bad content: problems are in each document's `errors`.
 */
export function parseYamlStream(text: string, lineCounter?: LineCounter): Document.Parsed[] {
  const { Composer, Parser } = yamlPackage();
  const lexer = kubernetesLexer();
  const parser = new Parser(lineCounter?.addNewLine);
  // As Parser#parse does, with the lexer above (the way the package documents for a lexer of one's own).
  function* tokens(): Generator<CST.Token> {
    lineCounter?.addNewLine(0);
    for (const lexeme of lexer.lex(text)) yield* parser.next(lexeme);
    yield* parser.end();
  }
  return Array.from(new Composer(PARSE_OPTIONS).compose(tokens()));
}
