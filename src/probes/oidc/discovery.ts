import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { phrase, renderPhrase, type Phrase } from '../../i18n/phrase.js';
import { httpCall, isLoopback, refuseTemporary } from './http.js';
import { CIBA_GRANT } from './provider-info.js';
import { discoveryFacts } from './facts-schemas.js';

export interface DiscoveryFacts {
  [k: string]: unknown;
  configuredIssuer: string;
  documents: { standard: DocumentFacts; wallet: DocumentFacts };
  /** The standard document's `issuer`, exactly as served. */
  issuer: string | null;
  /** Issuer served equals the configured issuer, character for character (OIDC Discovery §4.3). */
  issuerMatches: boolean;
  walletIssuerMatches: boolean;
  /** Both names serve the same endpoints. */
  documentsAgree: boolean;
  endpoints: Record<string, string>;
  /** Endpoint URLs that are neither https nor on a loopback address. */
  nonHttpsEndpoints: string[];
  /** Endpoints served over plain HTTP on loopback (tolerated: the sandbox). */
  loopbackHttpEndpoints: string[];
  jwks: { url: string | null; reachable: boolean; status: number | null; keyCount: number; signingKeyCount: number; algs: string[] };
  /** userCodeParameterSupported: the boolean announced, null when absent, else the JSON text of what was announced (not a boolean). */
  ciba: { endpoint: string | null; deliveryModes: string[]; userCodeParameterSupported: boolean | null | string; grantTypeAdvertised: boolean; pollSupported: boolean };
  grantTypes: string[];
  acrValues: string[];
  scopes: string[];
  tokenEndpointAuthMethods: string[];
}

interface DocumentFacts {
  url: string;
  status: number;
  json: boolean;
}

const ENDPOINT_FIELDS = [
  'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'introspection_endpoint',
  'revocation_endpoint', 'backchannel_authentication_endpoint', 'end_session_endpoint',
];

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * `oidc.discovery`: the provider's discovery document under both names PSC serves
 * (`openid-configuration`, `wallet-openid-configuration`), the issuer, the endpoint URLs, the JWKS and
 * the CIBA metadata. Facts only; the scenario judges.
 */
export const discoveryProbe: Probe<Record<string, never>, DiscoveryFacts> = {
  name: 'oidc.discovery',
  facts: discoveryFacts,
  summary: 'Reads the OpenID discovery document (both PSC names), the JWKS and the CIBA metadata',
  inputSchema: { type: 'object', additionalProperties: false, properties: {} },
  async run(_input, ctx) {
    const oidc = ctx.target.profile.endpoints.oidc;
    if (!oidc) throw new ProbeError('NOT_OFFERED', phrase('pe-no-oidc-endpoint'), 'not-applicable');
    const base = oidc.issuer.replace(/\/+$/, '');
    const standardUrl = oidc.discoveryUrl ?? `${base}/.well-known/openid-configuration`;
    const walletUrl = `${base}/.well-known/wallet-openid-configuration`;
    const [standard, wallet] = [await fetchDoc(ctx, standardUrl, phrase('ev-discovery-standard')), await fetchDoc(ctx, walletUrl, phrase('ev-discovery-wallet'))];
    const doc = standard.doc ?? {};

    const endpoints: Record<string, string> = {};
    for (const f of ENDPOINT_FIELDS) if (typeof doc[f] === 'string') endpoints[f] = doc[f] as string;
    const urls = [oidc.issuer, ...Object.values(endpoints)];
    const nonHttps = urls.filter((u) => !u.startsWith('https://') && !isLoopback(u));
    const loopbackHttp = urls.filter((u) => u.startsWith('http://') && isLoopback(u));

    const jwks = await readJwks(ctx, endpoints.jwks_uri);
    const grantTypes = strings(doc.grant_types_supported);
    const deliveryModes = strings(doc.backchannel_token_delivery_modes_supported);
    const agree = wallet.doc !== undefined && ENDPOINT_FIELDS.every((f) => wallet.doc![f] === doc[f]) && wallet.doc.issuer === doc.issuer;
    return {
      configuredIssuer: oidc.issuer,
      documents: { standard: standard.facts, wallet: wallet.facts },
      issuer: typeof doc.issuer === 'string' ? doc.issuer : null,
      issuerMatches: doc.issuer === oidc.issuer,
      walletIssuerMatches: wallet.doc?.issuer === oidc.issuer,
      documentsAgree: agree,
      endpoints,
      nonHttpsEndpoints: [...new Set(nonHttps)],
      loopbackHttpEndpoints: [...new Set(loopbackHttp)],
      jwks,
      ciba: {
        endpoint: endpoints.backchannel_authentication_endpoint ?? null,
        deliveryModes,
        userCodeParameterSupported: announced(doc.backchannel_user_code_parameter_supported),
        grantTypeAdvertised: grantTypes.includes(CIBA_GRANT),
        pollSupported: deliveryModes.includes('poll'),
      },
      grantTypes,
      acrValues: strings(doc.acr_values_supported),
      scopes: strings(doc.scopes_supported),
      tokenEndpointAuthMethods: strings(doc.token_endpoint_auth_methods_supported),
    };
  },
};

async function fetchDoc(ctx: ProbeContext, url: string, title: Phrase): Promise<{ facts: DocumentFacts; doc?: Record<string, unknown> }> {
  const a = refuseTemporary(await httpCall(ctx, { method: 'GET', url, title }), renderPhrase(title));
  const doc = a.status === 200 && a.json && typeof a.json === 'object' && !Array.isArray(a.json) ? (a.json as Record<string, unknown>) : undefined;
  return { facts: { url, status: a.status, json: doc !== undefined }, doc };
}

async function readJwks(ctx: ProbeContext, url: string | undefined): Promise<DiscoveryFacts['jwks']> {
  if (!url) return { url: null, reachable: false, status: null, keyCount: 0, signingKeyCount: 0, algs: [] };
  const a = refuseTemporary(await httpCall(ctx, { method: 'GET', url, title: phrase('ev-jwks') }), 'JWKS');
  const keys = a.status === 200 && a.json && typeof a.json === 'object' && Array.isArray((a.json as { keys?: unknown }).keys)
    ? ((a.json as { keys: Record<string, unknown>[] }).keys)
    : [];
  const signing = keys.filter((k) => k.use === undefined || k.use === 'sig');
  return {
    url,
    reachable: a.status === 200,
    status: a.status,
    keyCount: keys.length,
    signingKeyCount: signing.length,
    algs: [...new Set(keys.map((k) => k.alg).filter((x): x is string => typeof x === 'string'))],
  };
}

/** A boolean metadata value as announced: the boolean, null when absent, or the JSON text of anything else (never silently null). */
function announced(value: unknown): boolean | null | string {
  if (value === undefined || value === null) return null;
  return typeof value === 'boolean' ? value : JSON.stringify(value);
}
