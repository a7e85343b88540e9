import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  name: string;
  version: string;
  homepage: string;
  bugs: string;
  /** Absolute directory of the installed package. */
  directory: string;
}

let cached: PackageInfo | undefined;

/** gitops-init's own package.json, found by walking up from this module (src/ or dist/src/). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === 'gitops-init' && json.version) {
        cached = {
          name: json.name,
          version: json.version,
          homepage: 'https://github.com/gitops-init/gitops-init',
          bugs: 'https://github.com/gitops-init/gitops-init/issues',
          directory,
        };
        return cached;
      }
    } catch {
      // Not here; keep walking up.
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('gitops-init: cannot find its own package.json');
    directory = parent;
  }
}
