/**
 * SASL EXTERNAL (RFC 4422 appendix A) with a TLS client certificate on the sandbox submission
 * endpoint, the twin of the IMAP endpoint's. smtp-server knows no EXTERNAL: `installExternal` adds
 * `SASL_EXTERNAL` to its SASL table (once per process), which hands the peer's certificate and the
 * authorization identity to the endpoint's `onAuth` as method `EXTERNAL`; `SubmissionExternal`
 * judges them with the same checks and mailbox mapping as IMAP (../client-certificates.ts).
 * Accepting records nothing: the probe observes the method it saw accepted.
 */
import sasl from 'smtp-server/lib/sasl.js';
import type { TLSSocket } from 'node:tls';
import type { TargetProfile } from '../../target/profile.js';
import { checkClientCertificate, type ClientCertChecks, igcTrustMaterial, mailboxForCertificate, type TrustMaterial } from '../client-certificates.js';
import type { DefectSpec } from '../types.js';
import type { SmtpRole } from './behaviour.js';

export const SUBMISSION_EXTERNAL_DEFECTS: DefectSpec[] = [
  {
    name: 'submission-external-refuses-valid',
    description: "Submission's client-certificate trust store holds the IGC-Santé root CAs but not the intermediate CAs that issue organisation and person certificates: EXTERNAL refuses every valid IGC-Santé certificate",
    fails: [], warns: ['AUTH-EXTERNAL-CPS/submission', 'AUTH-EXTERNAL-ORG/submission-pem', 'AUTH-EXTERNAL-ORG/submission-pkcs12'],
    unverifiable: ['AUTH-EXTERNAL-REFUSED/submission-expired', 'AUTH-EXTERNAL-REFUSED/submission-revoked', 'AUTH-EXTERNAL-REFUSED/submission-non-igc'],
  },
  {
    name: 'submission-external-accepts-non-igc',
    description: 'Submission AUTH EXTERNAL accepts a client certificate from a CA outside IGC-Santé',
    fails: ['AUTH-EXTERNAL-REFUSED/submission-non-igc'],
  },
  {
    name: 'submission-external-accepts-expired',
    description: 'Submission AUTH EXTERNAL accepts an expired client certificate',
    fails: ['AUTH-EXTERNAL-REFUSED/submission-expired'],
  },
  {
    name: 'submission-external-accepts-revoked',
    description: "Submission AUTH EXTERNAL accepts a client certificate listed in its CA's CRL",
    fails: ['AUTH-EXTERNAL-REFUSED/submission-revoked'],
  },
];

/** What the SASL handler gives `onAuth` for EXTERNAL. */
export interface ExternalAuth {
  method: 'EXTERNAL';
  /** Authorization identity (empty: the mailbox the certificate names). */
  authzid: string;
  /** DER of the client certificate presented in the TLS handshake, if any. */
  peerCertificate?: Buffer;
}

type AuthCallback = (err: Error | null | undefined, response?: { user?: unknown; message?: string; responseCode?: number }) => void;

/** The submission endpoint's EXTERNAL: which certificates it trusts and which mailboxes they open. */
export interface SubmissionExternal {
  authenticate(auth: ExternalAuth, callback: AuthCallback): void;
}

export interface SubmissionExternalOptions {
  trust: TrustMaterial;
  checks: ClientCertChecks;
  /** The mailboxes served, read at each attempt (the IMAP component, started later, contributes some). */
  accounts: () => { address: string; nationalId?: string }[];
  now: () => Date;
}

export function submissionExternal(o: SubmissionExternalOptions): SubmissionExternal {
  return {
    authenticate(auth, callback) {
      checkClientCertificate(auth.peerCertificate, o.trust, o.now(), o.checks).then(
        (verdict) => {
          if (!verdict.ok) return callback(null, { responseCode: 535, message: `5.7.8 Client certificate refused (${verdict.reason})` });
          const account = mailboxForCertificate(verdict, o.accounts(), auth.authzid || undefined);
          if (!account) return callback(null, { responseCode: 535, message: '5.7.8 The certificate maps to no mailbox' });
          callback(null, { user: { username: account.address, certificate: verdict.subject } });
        },
        () => callback(Object.assign(new Error('4.7.0 Temporary authentication failure'), { responseCode: 454 })),
      );
    },
  };
}

/**
 * EXTERNAL on the submission endpoint, conformant unless a defect lifts one check; undefined on the
 * MTA (no AUTH there). Certificates are judged on the server's clock, as on IMAP.
 */
export function submissionExternalFor(role: SmtpRole, defects: ReadonlySet<string>, profile: TargetProfile): SubmissionExternal | undefined {
  if (role !== 'submission') return undefined;
  return submissionExternal({
    trust: igcTrustMaterial(defects.has('submission-external-refuses-valid') ? ['root'] : ['root', 'ca']),
    checks: {
      trust: !defects.has('submission-external-accepts-non-igc'),
      validity: !defects.has('submission-external-accepts-expired'),
      revocation: !defects.has('submission-external-accepts-revoked'),
    },
    accounts: () => (profile.mailboxes ?? []).map((m) => ({ address: m.address, nationalId: m.nationalId })),
    now: () => new Date(),
  });
}

/** `=` or nothing: no authorization identity; otherwise its base64. Undefined when not base64 text. */
export function decodeExternalResponse(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '' || text === '=') return '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const authzid = Buffer.from(text, 'base64').toString('utf8');
  return /[\x00-\x1f\x7f]/.test(authzid) ? undefined : authzid;
}

interface Connection {
  send(code: number, text?: string): void;
  _nextHandler: unknown;
  _socket: Partial<TLSSocket>;
  secure: boolean;
  session: { user?: unknown; transmissionType?: string };
  _transmissionType(): string;
  _server: { onAuth(auth: ExternalAuth, session: unknown, callback: AuthCallback): void };
}

let installed = false;

/** Adds `SASL_EXTERNAL` to smtp-server's SASL table; the endpoint lists EXTERNAL in `authMethods` to offer it. */
export function installExternal(): void {
  if (installed) return;
  installed = true;
  const table = sasl as unknown as Record<string, unknown>;
  if (typeof table.SASL_EXTERNAL === 'function') return;
  const finish = function (this: Connection, raw: string, canAbort: boolean, callback: () => void): void {
    if (canAbort && raw.trim() === '*') {
      this.send(501, 'Authentication aborted');
      return callback();
    }
    const authzid = decodeExternalResponse(raw);
    if (authzid === undefined) {
      this.send(501, 'Error: invalid EXTERNAL response');
      return callback();
    }
    const peer = this.secure ? this._socket.getPeerCertificate?.() : undefined;
    const der = peer && 'raw' in peer && peer.raw?.length ? peer.raw : undefined;
    this._server.onAuth({ method: 'EXTERNAL', authzid, peerCertificate: der }, this.session, (err, response) => {
      if (err) {
        this.send((err as Error & { responseCode?: number }).responseCode ?? 535, err.message);
        return callback();
      }
      if (!response?.user) {
        this.send(response?.responseCode ?? 535, response?.message ?? 'Error: Authentication credentials invalid');
        return callback();
      }
      this.session.user = response.user;
      this.session.transmissionType = this._transmissionType();
      this.send(235, 'Authentication successful');
      callback();
    });
  };
  table.SASL_EXTERNAL = function (this: Connection, args: string[], callback: () => void): void {
    if (args.length > 1) {
      this.send(501, 'Error: syntax: AUTH EXTERNAL [initial-response]');
      return callback();
    }
    if (!args.length) {
      this._nextHandler = (data: Buffer | string, cb: () => void) => finish.call(this, String(data), true, cb);
      this.send(334);
      return callback();
    }
    finish.call(this, args[0]!, false, callback);
  };
}
