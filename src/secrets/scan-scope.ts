/**
 * Which files the secret detectors read. As gitleaks' default configuration does (the global
 * allowlist of https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml), they skip
 * what a repository holds of other people's code and of generated or binary files: dependency
 * trees (node_modules/, bower_components/, Go's vendor/ of module hosts and its modules.txt,
 * Ruby's vendor/bundle/), lock files, Python environments, minified copies of well-known
 * JavaScript libraries, and images, fonts, documents and archives by their extension. A secret
 * there is the dependency's, not the repository's, and these trees are often most of its bytes.
 * Binary content (a NUL byte in the first 8,000 bytes, as git decides) is never text to scan.
 *
 * Only the secretlint detectors skip these files: a Kubernetes Secret in a YAML file there is
 * still reported.
 */
const SKIPPED = [
  String.raw`(?:^|/)node_modules/`,
  String.raw`(?:^|/)bower_components/`,
  String.raw`(?:^|/)vendor/modules\.txt$`,
  String.raw`(?:^|/)vendor/(?:github\.com|golang\.org/x|google\.golang\.org|gopkg\.in|istio\.io|k8s\.io|sigs\.k8s\.io)/`,
  String.raw`(?:^|/)vendor/(?:bundle|ruby)/`,
  String.raw`(?:^|/)(?:deno\.lock|npm-shrinkwrap\.json|package-lock\.json|pnpm-lock\.yaml|yarn\.lock|gradle\.lockfile|Pipfile\.lock|poetry\.lock)$`,
  String.raw`(?:^|/)go\.(?:mod|sum|work(?:\.sum)?)$`,
  String.raw`(?:^|/)(?:angular|bootstrap|jquery(?:-?ui)?|plotly|swagger-?ui)[a-zA-Z0-9.-]*(?:\.min)?\.js(?:\.map)?$`,
  String.raw`(?:^|/)(?:[Vv]?[Ee][Nn][Vv]|[Vv]irtualenv)/lib(?:64)?/`,
  String.raw`(?:^|/)lib(?:64)?/python[23](?:\.\d{1,2})+/`,
  String.raw`(?:^|/)[A-Za-z0-9_.]+-[0-9.]+\.dist-info/`,
  String.raw`\.(?:[Bb][Mm][Pp]|[Gg][Ii][Ff]|[Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Ss][Vv][Gg]|[Tt][Ii][Ff][Ff]?|[Ii][Cc][Oo]|[Ww][Ee][Bb][Pp])$`,
  String.raw`\.(?:eot|[ot]tf|woff2?)$`,
  String.raw`\.(?:docx?|xlsx?|pdf|bin|socket|exe|dll|pdb|so|dylib|gltf|gem)$`,
  String.raw`\.(?:zip|gz|tgz|bz2|xz|tar|jar|war|whl)$`,
];

const SKIPPED_PATH = new RegExp(SKIPPED.join('|'));

/** Whether the secret detectors leave a repository-relative POSIX path alone (see above). */
export function isOutsideSecretScan(file: string): boolean {
  return SKIPPED_PATH.test(file);
}

/** Git's test for binary content: a NUL in the first 8,000 bytes (here characters, which holds for a NUL either way). */
export function looksBinary(text: string): boolean {
  // indexOf is a memchr; lastIndexOf from a position walks back one character at a time.
  const nul = text.indexOf('\0');
  return nul !== -1 && nul < 8000;
}
