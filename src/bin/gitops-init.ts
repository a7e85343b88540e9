#!/usr/bin/env node
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // The version alone needs none of the CLI: hooks and scripts ask for it, and it should answer at once.
  const { packageInfo } = await import('../package-info.js');
  process.stdout.write(`${packageInfo().version}\n`);
} else {
  // Node.js keeps the compiled code of the modules below in its compile cache (in the system's
  // temporary directory, or NODE_COMPILE_CACHE), so that a commit hook does not compile them on
  // every commit; NODE_DISABLE_COMPILE_CACHE=1 turns it off. A cache that cannot be written is
  // skipped by Node.js itself. (Node.js before 22.1 has no compile cache.)
  const nodeModule: { enableCompileCache?: () => unknown } = await import('node:module');
  nodeModule.enableCompileCache?.();
  const [{ runCli }, { processIo }] = await Promise.all([import('../cli/index.js'), import('../cli/io.js')]);
  process.exitCode = await runCli(argv, processIo());
}
