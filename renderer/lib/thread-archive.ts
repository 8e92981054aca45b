// Which archive a thread is read from, kept in the address beside the thread's id (`#/thread?id=…&archive=…`):
// the merged timeline holds posts of several archives, and a thread must be asked of the one that has the post.
// route.ts and sections.ts ignore the parameter; it is read and written here only.

const PARAM = 'archive';

function split(hash: string): { path: string; params: URLSearchParams } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  return { path: q < 0 ? body : body.slice(0, q), params: new URLSearchParams(q < 0 ? '' : body.slice(q + 1)) };
}

/** The archive a thread address names, or null (then the thread is read from the first archive). */
export function threadArchiveOf(hash: string): string | null {
  const { path, params } = split(hash);
  const id = params.get(PARAM);
  // ArchiveInfo ids are lower-case [a-z0-9-]: anything else is not one of ours.
  return path === 'thread' && id && /^[a-z0-9-]+$/.test(id) ? id : null;
}

/** The hash with the thread's archive added (only on a thread address, and only when there is one). */
export function withThreadArchive(hash: string, archive: string | null): string {
  const { path, params } = split(hash);
  if (path !== 'thread' || !archive) return hash;
  params.set(PARAM, archive);
  return `#/${path}?${params.toString()}`;
}
