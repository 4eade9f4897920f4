/** Facts schemas of the tls probes (see src/probes/facts-schema.ts). */
import { TLS_VERSIONS } from '../../net/tls-versions.js';
import { f, factsSchema } from '../facts-schema.js';

const version = f.oneOf(...TLS_VERSIONS);

export const tlsVersionsFacts = factsSchema({
  endpoint: f.string(),
  accepted: f.array(version),
  refused: f.array(version),
  clientUnsupported: f.array(version),
  attempts: f.array(f.object({ version, accepted: f.boolean() }, { cipher: f.string(), reason: f.string() })),
});

export const cipherSuitesFacts = factsSchema({
  endpoint: f.string(),
  policy: f.object({ id: f.string(), path: f.string(), assumption: f.nullable(f.string()) }),
  versionsAccepted: f.array(version),
  accepted: f.array(
    f.object({ protocol: version, cipher: f.string(), openssl: f.string(), verdict: f.oneOf('ok', 'weak', 'forbidden'), why: f.string() }),
  ),
  acceptedForbidden: f.array(f.string('`<version> <IANA suite>` accepted although the policy forbids it')),
  acceptedWeak: f.array(f.string()),
  notTested: f.array(f.string('a suite our client cannot offer (OpenSSL name)')),
  notTestedByPolicy: f.array(
    f.object({ suite: f.string(), verdict: f.oneOf('ok', 'weak', 'forbidden', 'unknown'), why: f.string() }),
  ),
  testedPairs: f.integer(),
  handshakes: f.integer(),
});
