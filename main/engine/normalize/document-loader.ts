// The jsonld document loader: bundled contexts only. Any other URL throws, so jsonld never reaches the network.
import { bundledContexts } from './contexts/index.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

/** Serves the bundled context for `url` (http: and https:, with or without a trailing '#' or '.jsonld'). */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  const key = url.replace(/^http:/, 'https:').replace(/#$/, '').replace(/\.jsonld$/, '');
  const document = bundledContexts.get(key);
  if (document === undefined) {
    throw new Error(`Outbox does not load remote JSON-LD documents (asked for ${url}); it only knows bundled contexts.`);
  }
  return { contextUrl: null, documentUrl: url, document };
}
