import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { DESCRIPTOR_FILES, parseDescriptor, type LoadedDescriptor } from './descriptor.js';

/** The descriptor at a repository root, if there is one; ConfigError when it is invalid. */
export function readDescriptor(root: string): LoadedDescriptor | undefined {
  for (const name of DESCRIPTOR_FILES) {
    let text: string;
    try {
      text = readFileSync(path.join(root, name), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      throw new ConfigError(`${name} cannot be read (${code ?? 'error'}); check its permissions`);
    }
    return parseDescriptor(name, text);
  }
  return undefined;
}

/** Like readDescriptor, for commands that cannot work without one. */
export function requireDescriptor(root: string, command: string): LoadedDescriptor {
  const loaded = readDescriptor(root);
  if (!loaded) {
    throw new UsageError(`no gitops.yaml in ${root}: '${command}' works in a repository made by 'gitops-init new' (or pass -C <dir>)`);
  }
  return loaded;
}
