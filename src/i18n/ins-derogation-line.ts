/** The INS derogation as the assumptions of a run or a message lint state it, in a translator's language. */
import type { Translator } from './index.js';

/** `INS derogation (<source>): active from … until ….` */
export function insDerogationLine(d: { source?: string; id: string; activeFrom?: string; activeUntil?: string | null }, placeholder: boolean, tr: Translator): string {
  const until = d.activeUntil ?? undefined;
  const period = d.activeFrom ? tr.t(until ? 'ins-derogation-from-until' : 'ins-derogation-from', { from: d.activeFrom, until }) : tr.t(until ? 'ins-derogation-until' : 'ins-derogation-open', { until });
  return tr.t(placeholder ? 'assumption-ins-derogation-placeholder' : 'assumption-ins-derogation', { source: d.source ?? d.id, period });
}
