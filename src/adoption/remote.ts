import type { Host } from '../scaffold/answers.js';

/** What a hosted repository's clone URL says: its https form, host, organisation and name. */
export interface RemoteRepository {
  /** `https://<host>/<path>.git`, without user, password or port: the form gitops.yaml holds. */
  url: string;
  /** The host name, lower-cased. */
  hostName: string;
  /** github or gitlab when the host name says so. */
  host: Host | undefined;
  /** The first segment of the path: the GitHub organisation or the GitLab top-level group. */
  owner: string | undefined;
  /** The last segment of the path, without `.git`. */
  name: string;
}

/**
 * Reads a clone URL as git writes it: `https://…`, `ssh://…`, `git://…` or scp-like
 * `git@host:org/repo.git`. A local path or `file://` URL (a clone of a clone) names no hosted
 * repository: undefined. Credentials in an https URL are dropped, never kept.
 */
export function parseRemoteUrl(remote: string): RemoteRepository | undefined {
  const text = remote.trim();
  let hostName: string;
  let pathname: string;
  const scp = /^(?:[^@/:\s]+@)?([^/:\s]+):(?!\/)(.+)$/.exec(text);
  const url = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/\s]*@)?([^/:\s]+)(?::\d*)?\/(.+)$/i.exec(text);
  if (url) {
    hostName = url[1] ?? '';
    pathname = url[2] ?? '';
  } else if (scp && !text.includes('://') && (scp[1] ?? '').includes('.')) {
    // `host:path` with a dotted host; `C:\…` and `foo:bar` without a domain are local paths.
    hostName = scp[1] ?? '';
    pathname = scp[2] ?? '';
  } else {
    return undefined;
  }
  hostName = hostName.toLowerCase();
  const segments = pathname
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((segment) => segment !== '');
  const name = segments.at(-1);
  if (name === undefined || !/^[A-Za-z0-9._-]+$/.test(segments.join(''))) return undefined;
  const host: Host | undefined = /(^|\.)github\./.test(hostName)
    ? 'github'
    : /(^|\.)gitlab\./.test(hostName)
      ? 'gitlab'
      : undefined;
  return {
    url: `https://${hostName}/${segments.join('/')}.git`,
    hostName,
    host,
    owner: segments.length > 1 ? segments[0] : undefined,
    name,
  };
}
