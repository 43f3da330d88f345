/**
 * Joins the unread tail of one chunk to the next chunk in one reused
 * buffer, so readers allocate no new buffer per chunk and memory stays flat.
 */
export class ByteCarry {
  private work: Buffer = Buffer.allocUnsafe(0);
  private length = 0;

  /**
   * Returns the carried bytes followed by `chunk`. The result is valid
   * until the next call; without carried bytes it is `chunk` itself.
   */
  join(chunk: Buffer): Buffer {
    if (this.length === 0) return chunk;
    const needed = this.length + chunk.length;
    if (this.work.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.work.length));
      this.work.copy(grown, 0, 0, this.length);
      this.work = grown;
    }
    chunk.copy(this.work, this.length);
    return this.work.subarray(0, needed);
  }

  /** Keeps `bytes` from offset `from` on, for the next {@link join}. */
  keep(bytes: Buffer, from: number): void {
    const size = bytes.length - from;
    if (bytes.buffer === this.work.buffer) {
      const start = bytes.byteOffset - this.work.byteOffset + from;
      this.work.copyWithin(0, start, start + size);
    } else {
      if (this.work.length < size) {
        this.work = Buffer.allocUnsafe(Math.max(size, 2 * this.work.length));
      }
      bytes.copy(this.work, 0, from);
    }
    this.length = size;
  }

  /** Returns the carried bytes; valid until the next call. */
  rest(): Buffer {
    return this.work.subarray(0, this.length);
  }
}
