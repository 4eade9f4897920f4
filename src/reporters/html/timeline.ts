/**
 * The identification timeline as an inline SVG: dates across, means down, one coloured segment per
 * policy stretch (allowed / tolerated / forbidden / unknown), the as-of date as a vertical line and
 * the first non-compliant date as a dashed one.
 */
import type { IdentificationJudgement, MeansStatus } from '../../model/result.js';
import type { Translator } from '../../i18n/index.js';
import { esc } from './escape.js';

export const MEANS_COLOUR: Record<MeansStatus, string> = {
  allowed: '#2e7d32',
  tolerated: '#f9a825',
  forbidden: '#c62828',
  unknown: '#9e9e9e',
};

const PLOT_W = 700;
const ROW_H = 26;
const TOP = 34;
const RIGHT = 16;
/** Average advance of a 12 px sans-serif character, to size the label column (labels are never cut). */
const CHAR_W = 6.6;

/** Longest label line, in characters; longer labels wrap onto more lines (never cut). */
const LABEL_CHARS = 40;
const LINE_H = 14;

/** Words of `text` in lines of at most `max` characters (a longer word gets its own line). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > max) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}

/** `text-anchor` keeping a label of `chars` characters at `x` inside [left, right]. */
function anchorFor(x: number, chars: number, left: number, right: number): 'start' | 'middle' | 'end' {
  const half = (chars * CHAR_W * 0.92) / 2;
  if (x + half > right) return 'end';
  if (x - half < left) return 'start';
  return 'middle';
}

function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Tick dates: every 1 January in range, or the first of every few months when the range is short. */
function ticks(from: number, to: number): { day: number; label: string }[] {
  const y0 = new Date(from * 86_400_000).getUTCFullYear();
  const y1 = new Date(to * 86_400_000).getUTCFullYear();
  const years: { day: number; label: string }[] = [];
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 12));
  for (let y = y0; y <= y1 + 1; y += step) {
    const d = Date.UTC(y, 0, 1) / 86_400_000;
    if (d >= from && d <= to) years.push({ day: d, label: String(y) });
  }
  if (years.length >= 2) return years;
  const months: { day: number; label: string }[] = [];
  const spanMonths = (y1 - y0) * 12 + 12;
  const mstep = Math.max(1, Math.ceil(spanMonths / 10));
  for (let i = 0; i <= spanMonths; i += mstep) {
    const d = Date.UTC(y0, i, 1) / 86_400_000;
    if (d >= from && d <= to) months.push({ day: d, label: isoDay(d).slice(0, 7) });
  }
  return months;
}

export function renderTimeline(idj: IdentificationJudgement, tr: Translator): string {
  const from = dayNumber(idj.timeline.from);
  const to = dayNumber(idj.timeline.to);
  const rows = idj.timeline.rows;
  if (from === undefined || to === undefined || rows.length === 0) {
    return `<p class="muted">${esc(tr.t('timeline-none'))}</p>`;
  }
  const labels = rows.map((r) => wrapWords(r.label || r.means, LABEL_CHARS));
  // Sized generously (wide glyphs, accents): a label must never be cut (the browser test measures it).
  const LABEL_W = Math.round(Math.max(120, Math.max(...labels.flat().map((l) => l.length)) * CHAR_W * 1.15 + 16));
  const rowH = labels.map((l) => Math.max(ROW_H, l.length * LINE_H + 8));
  const rowTop = rowH.map((_h, i) => TOP + rowH.slice(0, i).reduce((a, b) => a + b, 0));
  const span = Math.max(1, to - from);
  const x = (day: number) => LABEL_W + (Math.min(Math.max(day, from), to) - from) * (PLOT_W / span);
  const width = LABEL_W + PLOT_W + RIGHT;
  const plotBottom = TOP + rowH.reduce((a, b) => a + b, 0);
  const height = plotBottom + 42;
  const parts: string[] = [];

  for (const t of ticks(from, to)) {
    const tx = x(t.day).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${plotBottom}" stroke="#ccc" stroke-width="1"/>`);
    parts.push(`<text x="${tx}" y="${TOP - 10}" font-size="11" text-anchor="middle" fill="#555">${esc(t.label)}</text>`);
  }
  rows.forEach((row, i) => {
    const y = rowTop[i]!;
    const h = rowH[i]!;
    const lines = labels[i]!;
    const name = row.label || row.means;
    const firstBaseline = y + h / 2 + 4 - ((lines.length - 1) * LINE_H) / 2;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${firstBaseline.toFixed(1)}" font-size="12" text-anchor="end" fill="#222"><title>${esc(`${name} (${row.means})`)}</title>${lines
        .map((l, k) => `<tspan x="${LABEL_W - 8}" dy="${k === 0 ? 0 : LINE_H}">${esc(l)}</tspan>`)
        .join('')}</text>`,
    );
    for (const seg of row.segments) {
      const s = dayNumber(seg.from) ?? from;
      const e = seg.to === null ? to : (dayNumber(seg.to) ?? to);
      if (e < from || s > to) continue;
      const x0 = x(s);
      const w = Math.max(1, x(e) - x0);
      const colour = MEANS_COLOUR[seg.status] ?? MEANS_COLOUR.unknown;
      parts.push(
        `<rect class="seg seg-${esc(seg.status)}" x="${x0.toFixed(1)}" y="${y + (h - (ROW_H - 8)) / 2}" width="${w.toFixed(1)}" height="${ROW_H - 8}" fill="${colour}" rx="2"><title>${esc(
          tr.t('timeline-segment', {
            label: row.label,
            status: tr.t(`means-status-${seg.status}`),
            from: seg.from,
            until: seg.to ? tr.t('timeline-until', { date: seg.to }) : tr.t('timeline-onwards'),
            rule: seg.ruleId,
          }),
        )}</title></rect>`,
      );
    }
  });

  const asOf = dayNumber(idj.asOf);
  if (asOf !== undefined) {
    const ax = x(asOf).toFixed(1);
    const text = `${tr.t('timeline-as-of', { date: idj.asOf })}${asOf < from || asOf > to ? ` ${tr.t('timeline-outside')}` : ''}`;
    parts.push(
      `<g class="asof-marker"><line x1="${ax}" y1="${TOP - 4}" x2="${ax}" y2="${plotBottom + 4}" stroke="#0d47a1" stroke-width="2"/><text x="${ax}" y="${plotBottom + 16}" font-size="11" text-anchor="${anchorFor(Number(ax), text.length, 0, width)}" fill="#0d47a1">${esc(text)}</text></g>`,
    );
  }
  const firstBad = idj.firstNonCompliantDate ? dayNumber(idj.firstNonCompliantDate) : undefined;
  if (firstBad !== undefined && idj.firstNonCompliantDate) {
    const fx = x(firstBad).toFixed(1);
    const text = tr.t('timeline-first-bad', { date: idj.firstNonCompliantDate });
    parts.push(
      `<g class="first-noncompliant-marker"><line x1="${fx}" y1="${TOP - 4}" x2="${fx}" y2="${plotBottom + 4}" stroke="#b71c1c" stroke-width="2" stroke-dasharray="5 3"/><text x="${fx}" y="${plotBottom + 30}" font-size="11" text-anchor="${anchorFor(Number(fx), text.length, 0, width)}" fill="#b71c1c">${esc(text)}</text></g>`,
    );
  }
  const label = tr.t('timeline-label', { from: idj.timeline.from, to: idj.timeline.to, asOf: idj.asOf });
  return `<svg class="timeline" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${esc(label)}</title>${parts.join('')}</svg>
<p class="small legend">${(Object.keys(MEANS_COLOUR) as MeansStatus[])
    .map((s) => `<span class="swatch" style="background:${MEANS_COLOUR[s]}"></span> ${esc(tr.t(`means-status-${s}`))}`)
    .join(' &nbsp; ')} &nbsp; <span class="swatch" style="background:#0d47a1"></span> ${esc(tr.t('timeline-legend-as-of'))} &nbsp; <span class="swatch dashed"></span> ${esc(tr.t('timeline-legend-first-bad'))}</p>`;
}
