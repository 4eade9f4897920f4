/**
 * The identification timeline as an inline SVG: dates across, means down, one coloured segment per
 * policy stretch (allowed / tolerated / forbidden / unknown), the as-of date as a vertical line and
 * the first non-compliant date as a dashed one.
 */
import type { IdentificationJudgement, MeansStatus } from '../../model/result.js';
import { truncate } from '../common.js';
import { esc } from './escape.js';

export const MEANS_COLOUR: Record<MeansStatus, string> = {
  allowed: '#2e7d32',
  tolerated: '#f9a825',
  forbidden: '#c62828',
  unknown: '#9e9e9e',
};

const LABEL_W = 210;
const PLOT_W = 700;
const ROW_H = 26;
const TOP = 34;
const RIGHT = 16;

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

export function renderTimeline(idj: IdentificationJudgement): string {
  const from = dayNumber(idj.timeline.from);
  const to = dayNumber(idj.timeline.to);
  const rows = idj.timeline.rows;
  if (from === undefined || to === undefined || rows.length === 0) {
    return '<p class="muted">No timeline: the policy gave no rows for this target.</p>';
  }
  const span = Math.max(1, to - from);
  const x = (day: number) => LABEL_W + (Math.min(Math.max(day, from), to) - from) * (PLOT_W / span);
  const width = LABEL_W + PLOT_W + RIGHT;
  const plotBottom = TOP + rows.length * ROW_H;
  const height = plotBottom + 42;
  const parts: string[] = [];

  for (const t of ticks(from, to)) {
    const tx = x(t.day).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${plotBottom}" stroke="#ccc" stroke-width="1"/>`);
    parts.push(`<text x="${tx}" y="${TOP - 10}" font-size="11" text-anchor="middle" fill="#555">${esc(t.label)}</text>`);
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW_H;
    const name = row.label || row.means;
    parts.push(`<text x="${LABEL_W - 8}" y="${y + ROW_H / 2 + 4}" font-size="12" text-anchor="end" fill="#222"><title>${esc(`${name} (${row.means})`)}</title>${esc(truncate(name, 30))}</text>`);
    for (const seg of row.segments) {
      const s = dayNumber(seg.from) ?? from;
      const e = seg.to === null ? to : (dayNumber(seg.to) ?? to);
      if (e < from || s > to) continue;
      const x0 = x(s);
      const w = Math.max(1, x(e) - x0);
      const colour = MEANS_COLOUR[seg.status] ?? MEANS_COLOUR.unknown;
      parts.push(
        `<rect class="seg seg-${esc(seg.status)}" x="${x0.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" fill="${colour}" rx="2"><title>${esc(
          `${row.label}: ${seg.status} from ${seg.from}${seg.to ? ` until ${seg.to}` : ' onwards'} (rule ${seg.ruleId})`,
        )}</title></rect>`,
      );
    }
  });

  const asOf = dayNumber(idj.asOf);
  if (asOf !== undefined) {
    const ax = x(asOf).toFixed(1);
    const outside = asOf < from || asOf > to ? ' (outside the timeline)' : '';
    parts.push(
      `<g class="asof-marker"><line x1="${ax}" y1="${TOP - 4}" x2="${ax}" y2="${plotBottom + 4}" stroke="#0d47a1" stroke-width="2"/><text x="${ax}" y="${plotBottom + 16}" font-size="11" text-anchor="middle" fill="#0d47a1">as of ${esc(idj.asOf)}${esc(outside)}</text></g>`,
    );
  }
  const firstBad = idj.firstNonCompliantDate ? dayNumber(idj.firstNonCompliantDate) : undefined;
  if (firstBad !== undefined && idj.firstNonCompliantDate) {
    const fx = x(firstBad).toFixed(1);
    parts.push(
      `<g class="first-noncompliant-marker"><line x1="${fx}" y1="${TOP - 4}" x2="${fx}" y2="${plotBottom + 4}" stroke="#b71c1c" stroke-width="2" stroke-dasharray="5 3"/><text x="${fx}" y="${plotBottom + 30}" font-size="11" text-anchor="middle" fill="#b71c1c">first non-compliant ${esc(idj.firstNonCompliantDate)}</text></g>`,
    );
  }
  const label = `Identification means timeline from ${idj.timeline.from} to ${idj.timeline.to}, as of ${idj.asOf}`;
  return `<svg class="timeline" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${esc(label)}</title>${parts.join('')}</svg>
<p class="small legend">${(Object.keys(MEANS_COLOUR) as MeansStatus[])
    .map((s) => `<span class="swatch" style="background:${MEANS_COLOUR[s]}"></span> ${s}`)
    .join(' &nbsp; ')} &nbsp; <span class="swatch" style="background:#0d47a1"></span> as-of date &nbsp; <span class="swatch dashed"></span> first non-compliant date</p>`;
}
