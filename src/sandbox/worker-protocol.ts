/**
 * The messages between a run and the sandbox in its worker thread (src/sandbox/sandbox-worker.ts,
 * src/sandbox/worker-host.ts). Data only (structured clone): the target profile, the stored messages'
 * bytes, an input error's problems. Secrets never cross: the profile names them by `file:` reference
 * in the sandbox's work folder, and the run reads and registers them with its redactor as for any
 * target.
 */
import type { TargetProfile } from '../target/profile.js';
import type { InputProblem } from '../util/input-error.js';
import type { StoredMessage } from './types.js';

/** `workerData` of the sandbox worker. */
export interface SandboxWorkerData {
  defects: string[];
  host?: string;
}

export type ToSandbox =
  /** Start listening (sent once the run's inputs are checked: bad input starts nothing). */
  | { kind: 'start' }
  /** The stored messages from index `since` on (the store only grows). */
  | { kind: 'messages'; id: number; since: number }
  | { kind: 'stop' };

/** A stored message as it crosses: its bytes arrive as a Uint8Array. */
export type WireMessage = Omit<StoredMessage, 'raw'> & { raw: Uint8Array };

export type FromSandbox =
  | { kind: 'ready'; profile: TargetProfile; baseDir: string; defects: string[]; workDir: string }
  /** The start failed: an input error (unknown defect: exit 2) or another failure, by its message. */
  | { kind: 'start-failed'; problems?: InputProblem[]; message: string }
  | { kind: 'messages'; id: number; messages: WireMessage[] }
  | { kind: 'stopped' };
