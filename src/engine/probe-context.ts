import type { Evidence, EvidenceKind, ObservedMethod } from '../model/result.js';
import { recordedText, type Phrase } from '../i18n/phrase.js';
import type { Probe, ProbeContext, Timeouts, Transcript } from '../probes/types.js';
import type { Policy } from '../policy/types.js';
import type { OidcRun } from '../probes/oidc/oidc-run.js';
import type { CrlCache } from '../x509/crl-cache.js';
import type { ResolvedTarget } from '../target/profile.js';
import type { SecretResolver } from '../target/secrets.js';
import type { Redactor } from '../util/redact.js';
import type { KeyedSemaphore } from './semaphore.js';
import { currentLimits } from '../limits/limits.js';
import type { StrengthOptions } from './verdict-strength.js';

/** What every step of a run shares. */
export interface RunShared {
  target: ResolvedTarget;
  asOf: Date;
  redactor: Redactor;
  secrets: SecretResolver;
  endpointSlots: Pick<KeyedSemaphore, 'run'>;
  findProbe(name: string): Probe | undefined;
  policy?: Policy;
  /** The run's OIDC state (token vault, progress, CIBA approvals). */
  oidc: OidcRun;
  /** The run's CRL downloads (one per target's run: no state shared between targets). */
  crlCache: CrlCache;
  /** Methods observed by the scenarios finished so far. */
  observed: ObservedMethod[];
  /** Verdict strength of the run (strict mode): probes that judge rules themselves (message lint) follow it. */
  strength?: StrengthOptions;
  /** What `ctx.once` keeps for the run (absent: each step keeps its own). */
  onceResults?: Map<string, Promise<unknown>>;
}

/** Evidence and observations gathered by one scenario instance. */
export interface ScenarioSink {
  evidence: Evidence[];
  observed: ObservedMethod[];
}

/**
 * Builds the context a probe sees for one step. Evidence and transcript lines are redacted as they
 * are captured, so nothing unredacted is ever held in the result.
 */
/** `priority`: the scenario's, for the endpoint slots its step waits for (higher first; see Semaphore). */
export function makeProbeContext(shared: RunShared, sink: ScenarioSink, step: string, timeouts: Timeouts, signal: AbortSignal, priority = 0): ProbeContext {
  const { redactor } = shared;
  // One budget for every transcript of the step: a flood cannot grow the result past it.
  const budget = { left: currentLimits().transcriptBytesPerStep };
  const onceResults = shared.onceResults ?? new Map<string, Promise<unknown>>();
  return {
    target: shared.target,
    asOf: shared.asOf,
    timeouts,
    signal,
    redactor,
    secrets: shared.secrets,
    policy: shared.policy,
    oidc: shared.oidc,
    crlCache: shared.crlCache,
    strength: shared.strength,
    sandbox: shared.target.sandboxServices,
    transcript(title: string | Phrase): Transcript {
      const lines: string[] = [];
      const evidence: Evidence = { kind: 'transcript', ...evidenceTitle(title, redactor), step, lines };
      sink.evidence.push(evidence);
      const limitBytes = currentLimits().transcriptBytesPerStep;
      const add = (prefix: string) => (line: string) => {
        const bytes = Buffer.byteLength(line) + prefix.length;
        if (evidence.truncated || bytes > budget.left) {
          // Counted, not kept (and not redacted: it is never stored). One marker says so.
          if (!evidence.truncated) {
            evidence.truncated = { limitBytes, droppedLines: 0, droppedBytes: 0 };
            lines.push(`*: [transcript truncated at ${limitBytes} bytes for this step (limit transcriptBytesPerStep); later lines counted, not kept]`);
          }
          evidence.truncated.droppedLines++;
          evidence.truncated.droppedBytes += bytes;
          budget.left = 0;
          return;
        }
        budget.left -= bytes;
        lines.push(`${prefix}${redactor.redact(line.replace(/\r?\n$/, ''))}`);
      };
      return { client: add('C: '), server: add('S: '), note: add('*: ') };
    },
    evidence(kind: EvidenceKind, title: string | Phrase, data: unknown): void {
      sink.evidence.push({ kind, ...evidenceTitle(title, redactor), step, data: redactor.redactValue(data) });
    },
    once<T>(key: string, fn: () => Promise<T>): Promise<T> {
      let p = onceResults.get(key) as Promise<T> | undefined;
      if (!p) {
        p = fn();
        onceResults.set(key, p);
        p.catch(() => onceResults.delete(key));
      }
      return p;
    },
    withEndpointSlot<T>(endpointKey: string, fn: () => Promise<T>): Promise<T> {
      return shared.endpointSlots.run(endpointKey, fn, priority);
    },
    observedSoFar(): ObservedMethod[] {
      return [...shared.observed];
    },
    observeMethod(method: Omit<ObservedMethod, 'detail'> & { detail: string | Phrase }): void {
      if (!sink.observed.some((m) => m.means === method.means && m.endpoint === method.endpoint)) {
        const { title, titlePhrase } = evidenceTitle(method.detail, redactor);
        sink.observed.push({ ...method, detail: title, ...(titlePhrase ? { detailPhrase: titlePhrase } : {}) });
      }
    },
  };
}

/** An evidence title as recorded: redacted English text and, for a phrase, the redacted phrase (src/i18n/phrase.ts). */
function evidenceTitle(title: string | Phrase, redactor: Redactor): Pick<Evidence, 'title' | 'titlePhrase'> {
  const { text, phrase } = recordedText(title, (s) => redactor.redact(s));
  return { title: text, ...(phrase ? { titlePhrase: phrase } : {}) };
}
