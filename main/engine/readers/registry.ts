// The readers of exports other than the ActivityPub outbox, tried in this order after it (see reader.ts).
import { blueskyReader } from './bluesky.js';
import { misskeyReader } from './misskey.js';
import { pixelfedReader } from './pixelfed.js';
import type { Reader } from './reader.js';
import { twitterReader } from './twitter.js';

export const OTHER_READERS: readonly Reader[] = [twitterReader, misskeyReader, pixelfedReader, blueskyReader];
