/** HTML escaping for text and attribute values (double- or single-quoted): everything from a run goes through it. */
import { stripForbiddenXmlChars } from '../xml.js';

export function esc(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return stripForbiddenXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Pretty JSON of any value, escaped, for a <pre>. */
export function escJson(value: unknown): string {
  if (value === undefined) return '<span class="muted">(absent)</span>';
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return esc(text);
}
