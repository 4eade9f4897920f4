import type { TargetProfile } from '../target/profile.js';

/** A named non-conformity the sandbox can switch on, and the scenario instances it must make fail. */
export interface DefectSpec {
  name: string;
  description: string;
  /** Scenario instance ids (`ID` or `ID/variant`) that must fail, and only those, with this defect on. */
  fails: string[];
  /**
   * For a behaviour that is allowed but not recommended (an optional mechanism missing): the
   * instances that must end in `warn` instead. A defect names at least one instance in all.
   */
  warns?: string[];
  /**
   * Negative scenarios whose positive control this defect breaks (the valid counterpart is refused
   * too): they must end `error` ("unverifiable") or `skip` (material the target cannot know), never
   * `pass`. Listed so that the defect test checks it.
   */
  unverifiable?: string[];
  /**
   * Instances that must end in `review`: the defect breaks a rule msscheck holds only as
   * unconfirmed (`?`), so a person decides (see src/engine/verdict-strength.ts).
   */
  reviews?: string[];
  /**
   * Instances that must end in `error` because what the defect withholds can only be seen missing
   * within msscheck's own bounded wait, and the source sets no delay (a DSN never sent): the end of
   * the wait proves no non-conformance, so it is no verdict (SMTP-DSN).
   */
  inconclusive?: string[];
}

/** What every sandbox component receives when it starts. */
export interface SandboxContext {
  /** Names of the defects switched on for this run. */
  defects: ReadonlySet<string>;
  /** Loopback address every component binds to (ephemeral ports). */
  host: string;
  /** Folder of the test PKI fixtures. */
  pkiDir: string;
  /** Scratch folder for this sandbox instance (secrets files, stored messages); removed on stop. */
  workDir: string;
  /** Profile built so far by the components started before this one. */
  profile: TargetProfile;
  /** Services components share (filled by the components started earlier). */
  services: SandboxServices;
  /** When set (standalone `msscheck sandbox --store DIR`), the SMTP endpoints also write each accepted message there. */
  storeDir?: string;
  /** Told of each message an SMTP endpoint accepts (the standalone sandbox prints one line per message). */
  onMessage?: (message: StoredMessage, n: number) => void;
}

/** Verdict of the sandbox's Pro Santé Connect on an access token presented over XOAUTH2/OAUTHBEARER. */
export type TokenCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: 'expired' | 'audience' | 'issuer' | 'signature' | 'acr' | 'inactive' | 'malformed'; detail?: string };

export interface AccessTokenVerifier {
  verify(token: string): Promise<TokenCheck>;
}

/** A message the sandbox accepted (submission or MTA), kept so that it can be linted. */
export interface StoredMessage {
  endpoint: 'smtpMta' | 'smtpSubmission';
  from: string;
  to: string[];
  receivedAt: string;
  raw: Buffer;
  /** The RFC 3461 DSN request the client made (RET, ENVID, NOTIFY and ORCPT per recipient), when the endpoint offers DSN. */
  dsn?: { ret: string | null; envid: string | null; recipients: { address: string; notify: string[] | null; orcpt: string | null }[] };
  /** Set when the sandbox wrote the message itself (a delivery status notification to the sender), not a client. */
  generated?: 'dsn';
}

/**
 * What a run reaches of the sandbox while it runs, the same way whether the sandbox runs in the run's
 * thread (`startSandbox`) or in a worker thread (`startSandboxWorker`): asynchronous, and data only.
 */
export interface SandboxLink {
  /** A snapshot of the messages the sandbox accepted so far (raw bytes included), oldest first. */
  messages(): Promise<StoredMessage[]>;
}

/** Services the sandbox's components share inside the sandbox (never across the worker boundary). */
export interface SandboxServices {
  /** Set by the PSC component: checks tokens the way an operator must (issuer, expiry, audience, acr, active). */
  tokenVerifier?: AccessTokenVerifier;
  /** Set by the SMTP component: messages accepted so far. */
  messageStore?: StoredMessage[];
}

/** A running component: what it adds to the target profile, and how to stop it. */
export interface SandboxComponent {
  name: string;
  /** Merged into the target profile (endpoints, mailboxes, trust anchors...). */
  contribute(profile: TargetProfile): void;
  stop(): Promise<void>;
}

export interface SandboxComponentFactory {
  name: string;
  /** Defects this component implements. */
  defects: DefectSpec[];
  start(ctx: SandboxContext): Promise<SandboxComponent>;
}
