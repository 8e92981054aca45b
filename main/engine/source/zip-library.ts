// yauzl, loaded on the first zip that is opened: a warm `outbox summary` or `stats` never opens the archive, and
// loading yauzl (and the stream and zlib modules it pulls in) was a third of such a command's start-up.
import type yauzl from 'yauzl';

export type Yauzl = typeof yauzl;

let loading: Promise<Yauzl> | null = null;

export function loadYauzl(): Promise<Yauzl> {
  return (loading ??= import('yauzl').then((m) => ((m as { default?: Yauzl }).default ?? (m as unknown as Yauzl))));
}
