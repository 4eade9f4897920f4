/**
 * Tokeniser for IMAP command lines (RFC 3501 §9, the subset the sandbox needs). Literals have
 * already been spliced in by the connection reader (as `Literal` tokens). An atom may carry a
 * bracketed section with spaces inside (`BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.100>`).
 */
export type Token = { kind: 'atom'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Token[] } | { kind: 'nil' };

export interface ParsedCommand {
  tag: string;
  name: string;
  args: Token[];
}

export class CommandSyntaxError extends Error {
  constructor(
    readonly tag: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `tag NAME args...`; `literals` are the literal payloads referenced by `\u0000<n>` markers. */
export function parseCommand(line: string, literals: string[] = []): ParsedCommand {
  const firstSpace = line.indexOf(' ');
  const tag = firstSpace > 0 ? line.slice(0, firstSpace) : line;
  if (!/^[A-Za-z0-9.+\-_:!#$&',/;<>=?@^`|~]+$/.test(tag) || firstSpace < 0) throw new CommandSyntaxError(tag && firstSpace > 0 ? tag : '*', 'Missing tag or command');
  const rest = line.slice(firstSpace + 1);
  const tokens = tokenise(rest, literals, tag);
  const head = tokens.shift();
  if (!head || head.kind !== 'atom') throw new CommandSyntaxError(tag, 'Missing command');
  let name = head.value.toUpperCase();
  if (name === 'UID') {
    const sub = tokens.shift();
    if (!sub || sub.kind !== 'atom') throw new CommandSyntaxError(tag, 'UID needs a command');
    name = `UID ${sub.value.toUpperCase()}`;
  }
  return { tag, name, args: tokens };
}

function tokenise(text: string, literals: string[], tag: string): Token[] {
  let i = 0;
  const parseList = (close: string | null): Token[] => {
    const out: Token[] = [];
    while (i < text.length) {
      const c = text[i]!;
      if (c === ' ') {
        i++;
        continue;
      }
      if (close && c === close) {
        i++;
        return out;
      }
      if (c === '(') {
        i++;
        out.push({ kind: 'list', items: parseList(')') });
        continue;
      }
      if (c === '"') {
        i++;
        let value = '';
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i++;
          value += text[i] ?? '';
          i++;
        }
        if (text[i] !== '"') throw new CommandSyntaxError(tag, 'Unterminated quoted string');
        i++;
        out.push({ kind: 'string', value });
        continue;
      }
      if (c === '\u0000') {
        const m = /^\u0000(\d+)\u0000/.exec(text.slice(i));
        if (!m) throw new CommandSyntaxError(tag, 'Bad literal');
        i += m[0].length;
        out.push({ kind: 'string', value: literals[Number(m[1])] ?? '' });
        continue;
      }
      let value = '';
      let depth = 0;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '[') depth++;
        if (ch === ']') depth--;
        if (depth === 0 && (ch === ' ' || ch === '(' || ch === ')')) break;
        value += ch;
        i++;
      }
      if (!value) throw new CommandSyntaxError(tag, `Unexpected character ${JSON.stringify(c)}`);
      out.push(value.toUpperCase() === 'NIL' ? { kind: 'nil' } : { kind: 'atom', value });
    }
    if (close) throw new CommandSyntaxError(tag, 'Unbalanced parenthesis');
    return out;
  };
  return parseList(null);
}

/** The text of an atom or string token, or undefined. */
export function tokenText(t: Token | undefined): string | undefined {
  if (!t) return undefined;
  return t.kind === 'atom' || t.kind === 'string' ? t.value : undefined;
}

/** Expands an IMAP sequence set (`1:3,5,7:*`) against the highest number `max`. */
export function expandSequenceSet(set: string, max: number): number[] {
  const out = new Set<number>();
  for (const part of set.split(',')) {
    const [a, b] = part.split(':');
    const num = (s: string | undefined): number => (s === '*' ? max : Number(s));
    const from = num(a);
    const to = b === undefined ? from : num(b);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1) throw new Error(`bad sequence set ${set}`);
    const lo = Math.min(from, to);
    const hi = Math.min(Math.max(from, to), Math.max(max, lo));
    for (let n = lo; n <= hi; n++) if (n <= max) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}
