import type { DefectSpec } from '../types.js';

const bothEndpoints = (id: string): string[] => [`${id}/imap`, `${id}/submission`];

/** The PSC component's defects; scenario ids agreed in docs/auth-scenario-ids.md. */
export const PSC_DEFECTS: DefectSpec[] = [
  { name: 'psc-unknown-user-generic-error', description: 'a CIBA request for an unknown login_hint is refused with invalid_request instead of unknown_user_id', fails: ['OIDC-ERROR-RESPONSES/unknown-user'] },
  { name: 'psc-token-errors-not-json', description: 'the token endpoint answers invalid_grant and invalid_client as an HTML 400 page, without the JSON error or the 401 + WWW-Authenticate', fails: ['OIDC-ERROR-RESPONSES/invalid-grant', 'OIDC-ERROR-RESPONSES/invalid-client'] },
  { name: 'psc-errors-as-http-200', description: 'the CIBA and token endpoints answer unknown_user_id, invalid_grant and invalid_client with HTTP 200 (the JSON error in a success response)', fails: ['OIDC-ERROR-RESPONSES/unknown-user', 'OIDC-ERROR-RESPONSES/invalid-grant', 'OIDC-ERROR-RESPONSES/invalid-client'] },
  { name: 'psc-introspection-error-for-inactive', description: 'introspection answers an inactive token with HTTP 400 invalid_token instead of {"active": false}', fails: ['OIDC-ERROR-RESPONSES/inactive-token'] },
  { name: 'psc-id-token-issued-after-expiry', description: 'the ID token of a CIBA approval is signed by the provider but its iat is after its exp (a relying party that checks only exp against its clock accepts it)', fails: ['OIDC-ID-TOKEN'] },
  { name: 'psc-no-id-token', description: 'a CIBA approval for scope openid yields an access token but no ID token', fails: ['OIDC-ID-TOKEN'] },
  { name: 'psc-id-token-wrong-claims', description: "the ID token of a CIBA approval is signed by the provider but names another issuer and another client, and has no sub (openid-client refuses it; the access token is fine)", fails: ['OIDC-ID-TOKEN'] },
  { name: 'psc-no-ciba-metadata', description: 'the discovery document lacks the backchannel_* (CIBA) metadata and the CIBA grant type', fails: ['OIDC-DISCOVERY'] },
  { name: 'psc-discovery-degraded', description: 'the discovery document drops eidas1 and scope_all, offers CIBA in ping mode only without backchannel_user_code_parameter_supported, and names an endpoint over plain HTTP', fails: ['OIDC-DISCOVERY'] },
  { name: 'psc-no-wallet-discovery', description: "the discovery document is not served under PSC's wallet-openid-configuration name", fails: ['OIDC-DISCOVERY'] },
  { name: 'psc-issuer-mismatch', description: 'the discovery document names an issuer different from the one it is served for', fails: ['OIDC-DISCOVERY'] },
  { name: 'psc-denial-not-delivered', description: 'a refusal on the authentication device never reaches the client: it sees authorization_pending, then expired_token', fails: ['OIDC-CIBA-DENIED'] },
  { name: 'psc-approves-without-consent', description: 'the provider issues tokens for a CIBA request the person refused or never answered', fails: ['OIDC-CIBA-DENIED', 'OIDC-CIBA-EXPIRED'] },
  { name: 'psc-discovery-string-boolean', description: 'the discovery document gives backchannel_user_code_parameter_supported as the string "false" instead of a boolean', fails: ['OIDC-DISCOVERY'] },
  { name: 'psc-pending-after-expiry', description: 'the token endpoint keeps answering authorization_pending after the CIBA request expired', fails: ['OIDC-CIBA-EXPIRED'] },
  { name: 'psc-tokens-below-eidas1', description: 'access tokens carry an acr below eidas1', fails: ['OIDC-CIBA-APPROVE'], warns: bothEndpoints('AUTH-XOAUTH2-VALID'), reviews: bothEndpoints('AUTH-OAUTHBEARER'),
    // every negative whose positive control is AUTH-XOAUTH2-VALID: a low-acr token is the only one there is
    unverifiable: [...['EXPIRED', 'WRONG-AUDIENCE', 'FOREIGN-ISSUER', 'BAD-SIGNATURE', 'LOW-ACR', 'REVOKED'].flatMap((k) => bothEndpoints(`AUTH-XOAUTH2-${k}`)), ...['imap-login', 'imap-plain', 'submission-plain', 'submission-login'].map((v) => `AUTH-PASSWORD-REFUSED/${v}`)] },
  { name: 'xoauth2-accepts-expired', description: 'IMAP and SMTP submission accept an expired PSC access token', fails: bothEndpoints('AUTH-XOAUTH2-EXPIRED') },
  { name: 'xoauth2-accepts-wrong-audience', description: 'IMAP and SMTP submission accept a PSC token issued for another service', fails: [], warns: bothEndpoints('AUTH-XOAUTH2-WRONG-AUDIENCE') },
  { name: 'xoauth2-accepts-foreign-issuer', description: 'IMAP and SMTP submission accept a token from another issuer (trusting the key it carries)', fails: bothEndpoints('AUTH-XOAUTH2-FOREIGN-ISSUER') },
  { name: 'xoauth2-accepts-bad-signature', description: 'IMAP and SMTP submission accept a PSC token whose signature does not verify', fails: bothEndpoints('AUTH-XOAUTH2-BAD-SIGNATURE') },
  { name: 'xoauth2-accepts-low-acr', description: 'IMAP and SMTP submission accept a PSC token with an acr below eidas1', fails: bothEndpoints('AUTH-XOAUTH2-LOW-ACR') },
  { name: 'xoauth2-accepts-revoked', description: 'IMAP and SMTP submission accept a revoked PSC token', fails: bothEndpoints('AUTH-XOAUTH2-REVOKED') },
];
