/** Facts schemas of the oidc probes (see src/probes/facts-schema.ts). */
import { f, factsSchema } from '../facts-schema.js';

const strings = f.array(f.string());
const claims = f.object(
  {},
  {
    iss: f.string(),
    aud: { type: ['string', 'array'], items: f.string() },
    acr: f.string(),
    exp: f.number(),
    iat: f.number(),
    sub: f.string(),
    scope: f.string(),
    active: f.boolean(),
  },
);
const identity = f.object(
  { rank: f.integer(), address: f.string(), nationalId: f.string() },
  { role: f.oneOf('approve', 'deny', 'ignore', 'short-lived', 'low-acr') },
);
const source = f.oneOf('discovery', 'fallback');
const documentFacts = f.object({ url: f.string(), status: f.integer(), json: f.boolean() });

export const discoveryFacts = factsSchema({
  configuredIssuer: f.string(),
  documents: f.object({ standard: documentFacts, wallet: documentFacts }),
  issuer: f.nullable(f.string()),
  issuerMatches: f.boolean(),
  walletIssuerMatches: f.boolean(),
  documentsAgree: f.boolean(),
  endpoints: f.record(f.string(), [
    'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'introspection_endpoint',
    'revocation_endpoint', 'backchannel_authentication_endpoint', 'end_session_endpoint',
  ]),
  nonHttpsEndpoints: strings,
  loopbackHttpEndpoints: strings,
  jwks: f.object({
    url: f.nullable(f.string()),
    reachable: f.boolean(),
    status: f.nullable(f.integer()),
    keyCount: f.integer(),
    signingKeyCount: f.integer(),
    algs: strings,
  }),
  ciba: f.object({
    endpoint: f.nullable(f.string()),
    deliveryModes: strings,
    userCodeParameterSupported: f.any('the boolean announced, null when absent, or the JSON text of a value that is not a boolean'),
    grantTypeAdvertised: f.boolean(),
    pollSupported: f.boolean(),
  }),
  grantTypes: strings,
  acrValues: strings,
  scopes: strings,
  tokenEndpointAuthMethods: strings,
});

export const cibaFacts = factsSchema(
  {
    outcome: f.oneOf('approved', 'denied', 'expired', 'pending-after-expiry', 'rejected', 'failed'),
    errorCodesSeen: strings,
    pollCount: f.integer(),
    slowDownCount: f.integer(),
    identity,
    endpointSources: f.record(source, ['token', 'backchannel', 'revocation', 'introspection']),
    reused: f.boolean(),
  },
  {
    requestError: f.string(),
    interval: f.number(),
    finalInterval: f.number(),
    expiresIn: f.number(),
    channel: f.string(),
    tokenHandle: f.string('vault:<id>, never the token'),
    claims,
    idTokenHandle: f.string('vault:<id> of the ID token, never the token'),
    idTokenAccepted: f.boolean("whether openid-client (the reference relying party) accepted the ID token's claims; absent when it never judged that token"),
    idTokenRefusal: f.string("why openid-client (the reference relying party) refused the ID token's claims"),
    pendingBeforeExpiry: f.boolean('the provider answered authorization_pending while the request was alive; absent when our polls came too late in its life to tell'),
  },
);

export const tokenForgeFacts = factsSchema(
  {
    kind: f.oneOf('expired', 'foreign-issuer', 'bad-signature', 'wrong-audience', 'low-acr', 'revoked', 'fresh'),
    tokenHandle: f.string('vault:<id>, never the token'),
    claims,
    method: f.string(),
  },
  {
    waitedSeconds: f.number(),
    revocationStatus: f.integer(),
    activeAfterRevocation: f.nullable(f.boolean()),
  },
);

export const errorResponseFacts = factsSchema({
  case: f.oneOf('unknown-user', 'invalid-grant', 'invalid-client', 'inactive-token'),
  status: f.integer(),
  json: f.boolean(),
  contentType: f.nullable(f.string()),
  error: f.nullable(f.string()),
  wwwAuthenticate: f.boolean(),
  usedAuthorizationHeader: f.boolean(),
  active: f.nullable(f.boolean()),
  extraMembers: f.array(f.string()),
});

export const idTokenFacts = factsSchema({
  missingClaims: strings,
  iss: f.nullable(f.string()),
  sub: f.nullable(f.string()),
  aud: strings,
  exp: f.nullable(f.integer()),
  iat: f.nullable(f.integer()),
  issuer: f.string(),
  clientId: f.string(),
  issMatchesIssuer: f.boolean(),
  audIncludesClient: f.boolean(),
  expAfterIat: f.boolean(),
});
