// Waiting for a slow reader without leaking listeners: the one way the server's streams pause.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Waits for backpressure to clear or the client to leave; the listener that did not fire is removed. */
/** Resolves when res drains or closes; removes both listeners either way. */
export async function drainedOrClosed(res: ServerResponse): Promise<void> {
  const settled = new AbortController();
  try {
    await Promise.race([once(res, 'drain', { signal: settled.signal }), once(res, 'close', { signal: settled.signal })]);
  } finally {
    settled.abort();
  }
}
