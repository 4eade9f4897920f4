/**
 * Splits a byte stream into CRLF (or LF) lines with a bound on line length. Each chunk is scanned
 * once: the bytes of an unfinished line are kept as chunks and joined only when its end arrives, so
 * a long line sent in many small pieces costs linear time, and a line past the bound is refused
 * before it is held in memory.
 */
export class LineTooLong extends Error {
  constructor(
    readonly bytes: number,
    /** The first bytes of the line, for the finding. */
    readonly head: string,
  ) {
    super(`line longer than allowed (${bytes}+ bytes)`);
  }
}

export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Bytes of an unfinished line held. */
  get pending(): number {
    return this.partialBytes;
  }

  /** Forgets any unfinished line (e.g. before a TLS handshake). */
  reset(): void {
    this.partial = [];
    this.partialBytes = 0;
  }

  /** Calls `onLine` for each line `chunk` completes; throws LineTooLong past the bound. */
  push(chunk: Buffer, onLine: (line: string) => void, stop: () => boolean = () => false): void {
    let start = 0;
    let nl: number;
    while (!stop() && (nl = chunk.indexOf(0x0a, start)) >= 0) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.partialBytes + piece.length > this.maxLineBytes) this.overflow(this.partialBytes + piece.length, piece);
      const bytes = this.partialBytes ? Buffer.concat([...this.partial, piece]) : piece;
      this.reset();
      const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
      onLine(bytes.toString('utf8', 0, end));
    }
    if (stop() || start >= chunk.length) return;
    const rest = chunk.subarray(start);
    if (this.partialBytes + rest.length > this.maxLineBytes) this.overflow(this.partialBytes + rest.length, rest);
    this.partialBytes += rest.length;
    // A copy: the tail of a large chunk must not keep the whole chunk alive.
    this.partial.push(Buffer.from(rest));
  }

  private overflow(bytes: number, last: Buffer): never {
    const head = (this.partial[0] ?? last).subarray(0, 60).toString('utf8');
    this.reset();
    throw new LineTooLong(bytes, head);
  }
}
