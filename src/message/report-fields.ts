/**
 * The machine-readable part of a report (message/disposition-notification, RFC 8098 §3.1;
 * message/delivery-status, RFC 3464 §2.1): header-like fields in groups separated by blank lines.
 * Read leniently (unfolded, names as written); the checks judge what is there.
 */
export interface ReportField {
  name: string;
  value: string;
  /** 0 for the first group (per-message fields), then one per recipient. */
  group: number;
}

export function readReportFields(content: Buffer): ReportField[] {
  const fields: ReportField[] = [];
  let group = 0;
  let sawField = false;
  for (const line of content.toString('utf8').split(/\r?\n/)) {
    if (line.trim() === '') {
      if (sawField) group++;
      sawField = false;
      continue;
    }
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last && sawField) {
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim(), group });
    sawField = true;
  }
  return fields;
}

/** Values of the fields named `name` (case-insensitive). */
export function reportFieldValues(fields: readonly ReportField[], name: string): string[] {
  const n = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === n).map((f) => f.value);
}
