// The bundled https://purl.archive.org/socialweb/webfinger context document (FEP-2c59), as preloaded by
// Mastodon's json-ld setup and vendored by other servers: one term, `webfinger`, an xsd:string.
export const webfingerUrl = 'https://purl.archive.org/socialweb/webfinger';

export const webfingerContext = {
  '@context': {
    wf: 'https://purl.archive.org/socialweb/webfinger#',
    xsd: 'http://www.w3.org/2001/XMLSchema#',
    webfinger: { '@id': 'wf:webfinger', '@type': 'xsd:string' },
  },
};
