/**
 * The architecture, written down (docs/architecture.md draws it). Layers, outermost first:
 *
 *   bin -> cli -> api (and testing) -> rules, generators, engine, cache, domain modules -> core
 *
 * - cli: flags, prompts, rendering, exit codes. It imports only the API, formatters and errors.
 * - api (with testing and eslint-plugin, the package's other entry points): one module per command; takes cwd and options, returns data. It composes the built-in
 *   rules and generators with the engine and the domain modules.
 * - rules/ and generators/ sit beside the domain modules: a rule uses the rule API (src/engine)
 *   and domain modules, a generator the scaffold engine; neither reaches up into the API.
 * - engine: the lint pipeline's stages; it does not know the cache (the cache is a layer around it).
 * - core: configuration, git, files, manifests, errors; it imports nothing above it.
 */
const CORE = '^src/(config|git|files|manifests)/|^src/(errors|package-info)[.]ts$';
const ABOVE_CORE =
  '^src/(engine|cache|adoption|day2|codeowners|versioning|release|protection|secrets|ci|scaffold|audit|formatters|api|cli|testing|eslint-plugin|bin)/|^src/index[.]ts$|^rules/|^generators/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module may depend on itself through others, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'bin-only-cli',
      comment: 'The bin only bootstraps the CLI (it may read the package version, for a fast --version).',
      severity: 'error',
      from: { path: '^src/bin/' },
      to: { path: '^src/', pathNot: '^src/cli/|^src/package-info[.]ts$' },
    },
    {
      name: 'cli-only-api',
      comment: 'The CLI speaks to the programmatic API, the formatters and the error classes, nothing deeper.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: {
        path: '^(src|rules|generators)/',
        pathNot: '^src/(cli|api|formatters)/|^src/(errors|package-info)[.]ts$',
      },
    },
    {
      name: 'nothing-imports-cli',
      comment: 'Only the bin starts the CLI; nothing below it knows about flags or terminals.',
      severity: 'error',
      from: { pathNot: '^src/(cli|bin)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'api-is-the-top-of-the-library',
      comment: 'Rules, generators, the engine and domain modules never reach up into the API.',
      severity: 'error',
      from: { path: '^(src|rules|generators)/', pathNot: '^src/(api|cli|testing|eslint-plugin|bin)/|^src/index[.]ts$' },
      to: { path: '^src/api/|^src/index[.]ts$|^src/(testing|eslint-plugin)/' },
    },
    {
      name: 'rules-beside-domain',
      comment: 'A rule imports the rule API and domain modules, never generators or the scaffold engine.',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^generators/|^src/scaffold/' },
    },
    {
      name: 'scaffold-engine-does-not-know-generators',
      comment: 'Generators import the scaffold engine; the API hands them to it, so it never imports them back.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(api|testing|eslint-plugin)/' },
      to: { path: '^generators/|^rules/' },
    },
    {
      name: 'generators-use-the-scaffold-engine',
      comment: 'A generator renders templates through the scaffold engine; it does not lint or run rules.',
      severity: 'error',
      from: { path: '^generators/' },
      to: { path: '^rules/|^src/(engine|cache|formatters)/' },
    },
    {
      name: 'engine-does-not-know-the-cache',
      comment: 'The cache is a layer around the pipeline stages; the engine works the same without it.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/cache/' },
    },
    {
      name: 'core-imports-nothing-above',
      comment: 'Configuration, git, files, manifests and errors are the core: they import nothing above them.',
      severity: 'error',
      from: { path: CORE },
      to: { path: ABOVE_CORE },
    },
    {
      name: 'formatters-are-pure',
      comment: 'A formatter turns results into a string; it imports result types and core only.',
      severity: 'error',
      from: { path: '^src/formatters/' },
      to: {
        path: '^src/',
        pathNot: '^src/(formatters|manifests|files)/|^src/engine/(results|rule)[.]ts$|^src/(errors|package-info)[.]ts$',
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/config/generated/' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
