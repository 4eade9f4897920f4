/** Keycloak-style endpoint paths of Pro Santé Connect (MSSANTE.md §3), relative to the realm. */
export const PSC_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  userinfo: '/protocol/openid-connect/userinfo',
  jwks: '/protocol/openid-connect/certs',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
  backchannel_authentication: '/protocol/openid-connect/ext/ciba/auth',
  end_session: '/protocol/openid-connect/logout',
} as const;

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
/** PSC also serves its discovery document under this non-standard name. */
export const WALLET_DISCOVERY_PATH = '/.well-known/wallet-openid-configuration';

export const CIBA_GRANT_TYPE = 'urn:openid:params:grant-type:ciba';
