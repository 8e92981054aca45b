// The bundled https://www.w3.org/ns/cid/v1 context document (Controlled Identifiers 1.0). Rebuilt term by term
// from the Ruby preload that the json-ld gem generates from the live document ("This file generated automatically
// from https://www.w3.org/ns/cid/v1"): the definitions are the W3C ones; key order may differ from the original.
export const cidV1Url = 'https://www.w3.org/ns/cid/v1';

const SEC = 'https://w3id.org/security#';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
const idSet = (iri: string) => ({ '@id': iri, '@type': '@id', '@container': '@set' });

const keyContext = (material: Record<string, unknown>) => ({
  '@protected': true,
  id: '@id',
  type: '@type',
  controller: { '@id': `${SEC}controller`, '@type': '@id' },
  revoked: { '@id': `${SEC}revoked`, '@type': XSD_DATETIME },
  expires: { '@id': `${SEC}expiration`, '@type': XSD_DATETIME },
  ...material,
});

export const cidV1Context = {
  '@context': {
    '@protected': true,
    id: '@id',
    type: '@type',
    JsonWebKey: {
      '@id': `${SEC}JsonWebKey`,
      '@context': keyContext({
        publicKeyJwk: { '@id': `${SEC}publicKeyJwk`, '@type': '@json' },
        secretKeyJwk: { '@id': `${SEC}secretKeyJwk`, '@type': '@json' },
      }),
    },
    Multikey: {
      '@id': `${SEC}Multikey`,
      '@context': keyContext({
        publicKeyMultibase: { '@id': `${SEC}publicKeyMultibase`, '@type': `${SEC}multibase` },
        secretKeyMultibase: { '@id': `${SEC}secretKeyMultibase`, '@type': `${SEC}multibase` },
      }),
    },
    alsoKnownAs: { '@id': 'https://www.w3.org/ns/activitystreams#alsoKnownAs', '@type': '@id' },
    assertionMethod: idSet(`${SEC}assertionMethod`),
    authentication: idSet(`${SEC}authenticationMethod`),
    capabilityDelegation: idSet(`${SEC}capabilityDelegationMethod`),
    capabilityInvocation: idSet(`${SEC}capabilityInvocationMethod`),
    controller: { '@id': `${SEC}controller`, '@type': '@id' },
    keyAgreement: idSet(`${SEC}keyAgreementMethod`),
    service: {
      '@id': 'https://www.w3.org/ns/did#service',
      '@type': '@id',
      '@context': {
        '@protected': true,
        id: '@id',
        type: '@type',
        serviceEndpoint: { '@id': 'https://www.w3.org/ns/did#serviceEndpoint', '@type': '@id' },
      },
    },
    verificationMethod: { '@id': `${SEC}verificationMethod`, '@type': '@id' },
  },
};
