/**
 * The questions rules ask of the repository, and their keys. A key is a short string, so that
 * the questions of a rule run are a Set and a stored run's dependencies a plain JSON object;
 * this module alone writes and reads keys: everything else holds a QueryKey and decodes it here.
 *
 * Keys (stored in cache files, so they never change meaning): `c:<file>` contents,
 * `f:<file>` hasFile, `d:<dir>` hasDirectory, `y:<file>` isYamlFile, `u:<dir>` filesUnder,
 * `l:` the whole file list, `s:<texts, NUL-joined>` yamlFilesContaining, `t:` the target files.
 */

/** A question, decoded. */
export type Query =
  | { kind: 'contents'; file: string }
  | { kind: 'has-file'; file: string }
  | { kind: 'has-directory'; directory: string }
  | { kind: 'is-yaml-file'; file: string }
  | { kind: 'files-under'; directory: string }
  | { kind: 'file-list' }
  | { kind: 'search'; search: string }
  | { kind: 'targets' };

/** A question's key (see the module comment); only this module makes one. */
export type QueryKey = string & { readonly __queryKey: never };

export type QueryKind = Query['kind'];

const PREFIXES: Readonly<Record<QueryKind, string>> = {
  contents: 'c:',
  'has-file': 'f:',
  'has-directory': 'd:',
  'is-yaml-file': 'y:',
  'files-under': 'u:',
  'file-list': 'l:',
  search: 's:',
  targets: 't:',
};

const KINDS = new Map(Object.entries(PREFIXES).map(([kind, prefix]) => [prefix, kind as QueryKind]));

/** The key of a question of some kind about a path or search (none for the file list and the targets). */
export function queryKey(kind: QueryKind, argument = ''): QueryKey {
  return (PREFIXES[kind] + argument) as QueryKey;
}

/** The key of a question. */
export function encodeQuery(query: Query): QueryKey {
  switch (query.kind) {
    case 'contents':
    case 'has-file':
    case 'is-yaml-file':
      return (PREFIXES[query.kind] + query.file) as QueryKey;
    case 'has-directory':
    case 'files-under':
      return (PREFIXES[query.kind] + query.directory) as QueryKey;
    case 'search':
      return (PREFIXES.search + query.search) as QueryKey;
    case 'file-list':
    case 'targets':
      return PREFIXES[query.kind] as QueryKey;
  }
}

/** The question a key stands for; undefined for a key this version does not know (from a cache file of another). */
export function decodeQuery(key: string): Query | undefined {
  const kind = KINDS.get(key.slice(0, 2));
  const argument = key.slice(2);
  switch (kind) {
    case 'contents':
    case 'has-file':
    case 'is-yaml-file':
      return { kind, file: argument };
    case 'has-directory':
    case 'files-under':
      return { kind, directory: argument };
    case 'search':
      return { kind, search: argument };
    case 'file-list':
    case 'targets':
      return argument === '' ? { kind } : undefined;
    case undefined:
      return undefined;
  }
}

/** The kind of question a key asks, without decoding the rest (for the hot loops over a run's queries). */
export function queryKind(key: string): QueryKind | undefined {
  return KINDS.get(key.slice(0, 2));
}

/** The file whose contents a `contents` key asks for; undefined for any other key. */
export function contentsFile(key: string): string | undefined {
  return key.startsWith(PREFIXES.contents) ? key.slice(2) : undefined;
}

/** The search (texts joined with NUL) a `search` key asks about; undefined for any other key. */
export function searchOf(key: string): string | undefined {
  return key.startsWith(PREFIXES.search) ? key.slice(2) : undefined;
}

/** The path a key asks about (a file or a directory), else undefined: the lint cache keeps a file's own questions with its run. */
export function pathOfQuery(key: string): string | undefined {
  const query = decodeQuery(key);
  return query && 'file' in query ? query.file : query && 'directory' in query ? query.directory : undefined;
}

/** The key of the list of files being linted (a linter input, not a repository question). */
export const TARGETS_QUERY = encodeQuery({ kind: 'targets' });

/** What a stored run covers: the file-scope rules on one file, or one repository rule. */
export type RunKey = { scope: 'file'; file: string } | { scope: 'rule'; ruleId: string };

/** A stored run's key in the lint cache: `file:<path>` or `rule:<id>`. */
export function encodeRunKey(key: RunKey): string {
  return key.scope === 'file' ? `file:${key.file}` : `rule:${key.ruleId}`;
}

export function decodeRunKey(key: string): RunKey | undefined {
  if (key.startsWith('file:')) return { scope: 'file', file: key.slice('file:'.length) };
  if (key.startsWith('rule:')) return { scope: 'rule', ruleId: key.slice('rule:'.length) };
  return undefined;
}
