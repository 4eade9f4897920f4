/**
 * Bad input: a malformed scenario, target, policy or catalogue file, or a wrong flag. The CLI prints
 * it and exits 2. The message always names where (file, line, field) and how to fix it.
 */
export interface InputProblem {
  file?: string;
  line?: number;
  column?: number;
  /** JSON-pointer-like path of the field, e.g. `/steps/0/probe`. */
  field?: string;
  message: string;
  fix?: string;
}

export class InputError extends Error {
  readonly code = 'EINPUT';
  readonly exitCode = 2;
  readonly problems: InputProblem[];

  constructor(problems: InputProblem | InputProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const field = p.field ? `field ${p.field}: ` : '';
  const fix = p.fix ? `\n  fix: ${p.fix}` : '';
  return `${where ? `${where}: ` : ''}${field}${p.message}${fix}`;
}
