/**
 * Readable HTML for each evidence kind. Evidence data comes from probes: every renderer is
 * defensive (a missing field shows as empty, an unexpected shape falls back to pretty JSON).
 */
import type { Evidence } from '../../model/result.js';
import { translator, type Translator } from '../../i18n/index.js';
import { isPhrase, sayOr } from '../../i18n/phrase.js';
import { esc, escJson } from './escape.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}
function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str) : [];
}

function transcript(lines: string[]): string {
  const cls = (l: string) => (l.startsWith('C: ') ? 'tc' : l.startsWith('S: ') ? 'ts' : l.startsWith('*: ') ? 'tn' : '');
  return `<pre class="transcript">${lines.map((l) => `<span class="${cls(l)}">${esc(l)}</span>`).join('\n')}</pre>`;
}

/** Validity as `from → to`, flagged when the as-of instant is outside it. */
function validity(c: Obj, asOf: string, tr: Translator): string {
  const nb = str(c.notBefore);
  const na = str(c.notAfter);
  const at = Date.parse(asOf);
  const flag = na && Date.parse(na) < at ? ` <span class="bad">${esc(tr.t('ev-expired-as-of'))}</span>` : nb && Date.parse(nb) > at ? ` <span class="bad">${esc(tr.t('ev-not-yet-valid'))}</span>` : '';
  return `${esc(nb)} → ${esc(na)}${flag}`;
}

function fingerprint(hex: string): string {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return clean.length === 64 ? esc(clean.match(/.{2}/g)!.join(':')) : esc(hex);
}

function smallList(label: string, items: string[]): string {
  return items.length ? `<div class="small"><b>${esc(label)}:</b> ${items.map(esc).join(', ')}</div>` : '';
}

function certificateChain(data: Obj, asOf: string, tr: Translator): string {
  const certs = Array.isArray(data.certificates) ? data.certificates.filter(isObj) : [];
  const head = `<p>${data.endpoint ? `${esc(tr.t('ev-endpoint'))} <code>${esc(str(data.endpoint))}</code>. ` : ''}${
    typeof data.trusted === 'boolean' ? (data.trusted ? `<span class="good">${esc(tr.t('ev-chains'))}</span>` : `<span class="bad">${esc(tr.t('ev-not-chains'))}</span>`) : ''
  }</p>`;
  const rows = certs
    .map((c, i) => {
      const problems = list(c.problems);
      return `<tr>
<td>${i}</td>
<td>${esc(str(c.subject))}${smallList('SAN', list(c.san))}</td>
<td>${esc(str(c.issuer))}</td>
<td><code>${esc(str(c.serial))}</code></td>
<td>${validity(c, asOf, tr)}</td>
<td>${esc(str(c.keyAlgorithm))}${c.keyBits !== undefined ? ` ${esc(tr.t('ev-bits', { bits: str(c.keyBits) }))}` : ''}${c.signatureAlgorithm ? `<div class="small">${esc(tr.t('ev-signed', { algorithm: str(c.signatureAlgorithm) }))}</div>` : ''}</td>
<td>${smallList(tr.t('ev-key-usage'), list(c.keyUsage))}${smallList(tr.t('ev-ext-key-usage'), list(c.extKeyUsage))}${smallList(tr.t('ev-policies'), list(c.policies))}</td>
<td><code class="fp">${fingerprint(str(c.sha256))}</code></td>
<td>${problems.length ? `<ul class="bad">${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}</td>
</tr>`;
    })
    .join('\n');
  const phrases = Array.isArray(data.problemPhrases) ? data.problemPhrases : [];
  const chainProblems = list(data.problems).map((p, i) => sayOr(p, isPhrase(phrases[i]) ? phrases[i] : undefined, tr));
  return `${head}<div class="scroll"><table class="certs"><thead><tr><th>#</th>${['subject', 'issuer', 'serial', 'validity', 'key', 'usage'].map((c) => `<th>${esc(tr.t(`ev-col-${c}`))}</th>`).join('')}<th>SHA-256</th><th>${esc(tr.t('ev-col-problems'))}</th></tr></thead>
<tbody>${rows}</tbody></table></div>${
    chainProblems.length ? `<p><b>${esc(tr.t('ev-chain-problems'))}</b></p><ul class="bad">${chainProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''
  }`;
}

const VERDICTS = ['ok', 'weak', 'forbidden', 'n/a'];

/** Ciphers down, protocols across; a cell says accepted/refused, coloured by the policy verdict. */
function tlsTable(data: Obj, tr: Translator): string {
  const rows = Array.isArray(data.rows) ? data.rows.filter(isObj) : [];
  const protocols = [...new Set(rows.map((r) => str(r.protocol)))];
  const ciphers = [...new Set(rows.map((r) => str(r.cipher)))];
  const cell = (p: string, c: string) => {
    const r = rows.find((x) => str(x.protocol) === p && str(x.cipher) === c);
    if (!r) return '<td class="muted">—</td>';
    const verdict = VERDICTS.includes(str(r.verdict)) ? str(r.verdict) : 'n/a';
    const accepted = r.accepted === true;
    const note = r.note ? ` title="${esc(str(r.note))}"` : '';
    return `<td class="tls tls-${verdict === 'n/a' ? 'na' : verdict}${accepted ? ' acc' : ''}"${note}>${esc(tr.t(accepted ? 'ev-accepted' : 'ev-refused'))}<span class="small"> ${esc(verdict)}</span>${r.note ? ' *' : ''}</td>`;
  };
  return `${data.endpoint ? `<p>${esc(tr.t('ev-endpoint'))} <code>${esc(str(data.endpoint))}</code></p>` : ''}<div class="scroll"><table class="tlsmatrix"><thead><tr><th>${esc(tr.t('ev-cipher-protocol'))}</th>${protocols
    .map((p) => `<th>${esc(p)}</th>`)
    .join('')}</tr></thead><tbody>${ciphers.map((c) => `<tr><th><code>${esc(c)}</code></th>${protocols.map((p) => cell(p, c)).join('')}</tr>`).join('\n')}</tbody></table></div>
<p class="small legend"><span class="tls tls-ok acc">ok</span> <span class="tls tls-weak acc">weak</span> <span class="tls tls-forbidden acc">forbidden</span> <span class="tls tls-na">n/a</span>: ${esc(tr.t('ev-tls-legend'))}</p>`;
}

/** `exp`/`iat`/`nbf`/`auth_time` seconds shown with their date too. */
function claimValue(key: string, v: unknown): string {
  if (['exp', 'iat', 'nbf', 'auth_time'].includes(key) && typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v * 1000);
    return `${esc(String(v))} <span class="small">(${esc(Number.isNaN(d.getTime()) ? '?' : d.toISOString())})</span>`;
  }
  return typeof v === 'string' ? esc(v) : `<code>${escJson(v)}</code>`;
}

function keyValueTable(data: Obj, tr: Translator, render: (k: string, v: unknown) => string = (_k, v) => (typeof v === 'string' ? esc(v) : `<code>${escJson(v)}</code>`)): string {
  const keys = Object.keys(data);
  if (!keys.length) return `<p class="muted">${esc(tr.t('ev-empty'))}</p>`;
  return `<table class="kv"><tbody>${keys.map((k) => `<tr><th>${esc(k)}</th><td>${render(k, data[k])}</td></tr>`).join('')}</tbody></table>`;
}

function headers(h: unknown): string {
  if (!isObj(h)) return '';
  return Object.entries(h)
    .map(([k, v]) => `${esc(k)}: ${esc(Array.isArray(v) ? v.map(str).join(', ') : str(v))}`)
    .join('\n');
}

function httpExchange(d: Obj, tr: Translator): string {
  const req = `${esc(str(d.method))} ${esc(str(d.url))}`;
  const reqH = headers(d.requestHeaders);
  const resH = headers(d.responseHeaders);
  return `<div class="http"><pre class="transcript"><span class="tc">${req}</span>${reqH ? `\n<span class="tc">${reqH}</span>` : ''}\n\n<span class="ts">HTTP ${esc(str(d.status ?? tr.t('ev-no-response')))}</span>${
    resH ? `\n<span class="ts">${resH}</span>` : ''
  }${d.body !== undefined ? `\n\n${esc(str(d.body))}` : ''}</pre></div>`;
}

/** One evidence item as a titled block. `asOf` flags certificates outside their validity. */
export function renderEvidence(e: Evidence, asOf: string, tr: Translator = translator('en')): string {
  let body: string;
  const d = e.data;
  switch (e.kind) {
    case 'transcript':
      body = transcript(e.lines ?? []);
      break;
    case 'certificate-chain':
      body = isObj(d) ? certificateChain(d, asOf, tr) : `<pre>${escJson(d)}</pre>`;
      break;
    case 'tls-table':
      body = isObj(d) ? tlsTable(d, tr) : `<pre>${escJson(d)}</pre>`;
      break;
    case 'token-claims':
      body = isObj(d) ? `${keyValueTable(d, tr, claimValue)}<p class="small muted">${esc(tr.t('ev-claims-note'))}</p>` : `<pre>${escJson(d)}</pre>`;
      break;
    case 'http-exchange':
      body = isObj(d) ? httpExchange(d, tr) : `<pre>${escJson(d)}</pre>`;
      break;
    default:
      body = `${e.lines ? `<pre>${e.lines.map(esc).join('\n')}</pre>` : ''}${d !== undefined ? `<pre>${typeof d === 'string' ? esc(d) : escJson(d)}</pre>` : ''}`;
  }
  return `<div class="evidence ev-${esc(e.kind)}"><h5>${esc(e.title)} <span class="kind">${esc(e.kind)}${e.step ? ` · ${esc(tr.t('ev-step', { step: e.step }))}` : ''}</span></h5>${body}</div>`;
}
