// Where the shared real archives live (../shared/samples beside the checkout; read-only, never copied into the repo).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const candidates = [
  process.env.OUTBOX_SAMPLES,
  join(__dirname, '..', '..', 'shared', 'samples'),
  '/work/shared/samples',
].filter((p): p is string => typeof p === 'string' && p !== '');

/** The samples folder: OUTBOX_SAMPLES, else ../shared/samples next to the checkout, else the workplace's copy. */
export const SAMPLES: string = candidates.find((p) => existsSync(join(p, 'mastodon-3.5-mas.to', 'outbox.json'))) ?? candidates[1]!;
