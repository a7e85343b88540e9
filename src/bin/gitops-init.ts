#!/usr/bin/env node
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // The version alone needs none of the CLI: hooks and scripts ask for it, and it should answer at once.
  const { packageInfo } = await import('../package-info.js');
  process.stdout.write(`${packageInfo().version}\n`);
} else {
  const [{ runCli }, { processIo }] = await Promise.all([import('../cli/index.js'), import('../cli/io.js')]);
  process.exitCode = await runCli(argv, processIo());
}
