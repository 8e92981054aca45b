// The readers of exports other than the ActivityPub outbox, tried in this order after it (see reader.ts).
import type { Reader } from './reader.js';
import { twitterReader } from './twitter.js';

export const OTHER_READERS: readonly Reader[] = [twitterReader];
