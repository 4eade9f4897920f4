/**
 * Reads the server's side of a TLS 1.2 handshake as it passes on the wire: until the server's
 * ChangeCipherSpec the handshake messages are in clear, so a CertificateRequest (type 13) before
 * ServerHelloDone (type 14) is observed, not inferred. In TLS 1.3 they are encrypted: unknown.
 * The same reading of the client's records shows whether our Certificate (type 11) was sent.
 */
export class ServerHandshakeTap {
  private buf = Buffer.alloc(0);
  private hs = Buffer.alloc(0);
  private done = false;
  /** Handshake message types seen in clear, in order. */
  readonly types: number[] = [];
  /** A TLS alert the server sent in clear (level, description), if any. */
  alert?: { level: number; description: number };

  push(chunk: Buffer): void {
    if (this.done) return;
    this.buf = Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 5) {
      const type = this.buf[0]!;
      const len = this.buf.readUInt16BE(3);
      if (this.buf.length < 5 + len) return;
      const body = this.buf.subarray(5, 5 + len);
      this.buf = this.buf.subarray(5 + len);
      if (type === 21 && body.length >= 2) this.alert ??= { level: body[0]!, description: body[1]! };
      if (type === 20 || type === 23) {
        this.done = true; // encrypted from here on
        return;
      }
      if (type !== 22) continue;
      this.hs = Buffer.concat([this.hs, body]);
      while (this.hs.length >= 4) {
        const mlen = this.hs.readUIntBE(1, 3);
        if (this.hs.length < 4 + mlen) break;
        this.types.push(this.hs[0]!);
        this.hs = this.hs.subarray(4 + mlen);
      }
    }
  }

  /** Whether a handshake message of `type` was seen in clear (e.g. 11: the client's Certificate, RFC 5246 §7.4.6). */
  saw(type: number): boolean {
    return this.types.includes(type);
  }

  /** true: CertificateRequest seen; false: ServerHelloDone seen without it; null: not observable. */
  get certificateRequested(): boolean | null {
    if (this.types.includes(13)) return true;
    if (this.types.includes(14)) return false;
    return null;
  }
}
