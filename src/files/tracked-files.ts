import { execFile } from 'node:child_process';

/**
 * The files git tracks under `directory` (`git ls-files -z`: the index, in git's order, paths
 * relative to the directory), or undefined when it is not in a git work tree or git is missing.
 * Reading the index takes a tenth of a second for 100,000 files, ten times less than a walk.
 */
export function listTrackedFiles(directory: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '-z'],
      { cwd: directory, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          resolve(undefined);
          return;
        }
        resolve(
          stdout
            .toString('utf8')
            .split('\0')
            .filter((file) => file !== ''),
        );
      },
    );
  });
}
