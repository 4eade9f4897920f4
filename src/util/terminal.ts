/**
 * How msscheck behaves on a terminal or a pipe: when to use colour, and ending quietly when the
 * reader of a pipe goes away (`msscheck list | head -1`).
 */
import { Writable } from 'node:stream';

/**
 * Colour or not, by the usual conventions, first match wins: `--no-color` / `--color` on the
 * command line; `FORCE_COLOR` (set and not `0`/`false`: on, even on a pipe; `0`/`false`: off);
 * `NO_COLOR` set and non-empty (https://no-color.org): off; `TERM=dumb`: off; else only on a TTY.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** True when cursor movement (the transient "running" line) is fit for the stream. */
export function cursorControl(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * A stream that forwards to `target` until the reader goes away (EPIPE), then drops what follows
 * instead of crashing with a stack trace. The command still finishes (a run still writes its report
 * files) and exits with its own code.
 */
export function pipeSafe(target: NodeJS.WriteStream): NodeJS.WritableStream & { isTTY?: boolean; columns?: number } {
  let closed = false;
  const gone = (err: NodeJS.ErrnoException | null | undefined): boolean => err?.code === 'EPIPE' || err?.code === 'ERR_STREAM_DESTROYED';
  target.on('error', (err: NodeJS.ErrnoException) => {
    if (gone(err)) closed = true;
    else throw err;
  });
  const safe = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (closed) return cb();
      target.write(chunk, (err) => {
        if (gone(err)) closed = true;
        cb();
      });
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  safe.isTTY = target.isTTY;
  safe.columns = target.columns;
  return safe;
}
