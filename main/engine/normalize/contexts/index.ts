// The context documents Outbox bundles, by URL: the only ones jsonld may load (see ../document-loader.ts).
import { activityStreamsContext, activityStreamsUrl } from './activitystreams.js';
import { cidV1Context, cidV1Url } from './cid-v1.js';
import { mastodonExtensions } from './mastodon-extensions.js';
import { securityV1Context, securityV1Url } from './security-v1.js';
import { webfingerContext, webfingerUrl } from './webfinger.js';

export { activityStreamsUrl, cidV1Url, mastodonExtensions, securityV1Url, webfingerUrl };

export const bundledContexts: ReadonlyMap<string, object> = new Map<string, object>([
  [activityStreamsUrl, activityStreamsContext],
  [securityV1Url, securityV1Context],
  [cidV1Url, cidV1Context],
  [webfingerUrl, webfingerContext],
]);

/** Mastodon's full context (latest shape, minus cid/v1 whose protected terms add nothing to items). */
export const standardContext: unknown[] = [activityStreamsUrl, securityV1Url, webfingerUrl, mastodonExtensions];
