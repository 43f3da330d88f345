/**
 * Initial capacities: text bytes, then words. Text and index arrays grow by
 * half when full, and the hash table doubles to stay at most half full.
 */
const INITIAL_BYTES = 1 << 20;
const INITIAL_WORDS = 1 << 14;
const EMPTY = -1;

/**
 * Stores distinct words as UTF-8 bytes in one growing buffer, with an
 * open-addressing hash table of word indexes. That costs about 20 to 30
 * bytes per word plus its text, while a `Set<string>` of two million short
 * words took 86 MB of heap (measured on Node 20.20).
 */
export class WordStore {
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  private offsets = new Uint32Array(INITIAL_WORDS + 1);
  private hashes = new Uint32Array(INITIAL_WORDS);
  private table = new Int32Array(2 * INITIAL_WORDS).fill(EMPTY);
  private pendingLength = 0;
  private pendingHash = 0;
  /** Number of words stored. */
  size = 0;

  /**
   * Returns true when `word` is stored. It also stages the word, so that
   * {@link addStaged} can store it without encoding it again.
   */
  has(word: string): boolean {
    this.reserve(this.used + 3 * word.length);
    const length = this.bytes.write(word, this.used, "utf8");
    const hash = hashBytes(this.bytes, this.used, this.used + length);
    this.pendingLength = length;
    this.pendingHash = hash;
    return this.slotOf(hash, this.used, length) >= 0;
  }

  /** Stores the word staged by the last {@link has} that returned false. */
  addStaged(): void {
    if (this.size + 1 >= this.offsets.length) this.growWords();
    if (2 * (this.size + 1) > this.table.length) this.rehash();
    const index = this.size;
    this.offsets[index] = this.used;
    this.hashes[index] = this.pendingHash;
    this.used += this.pendingLength;
    this.offsets[index + 1] = this.used;
    this.insert(index, this.pendingHash);
    this.size += 1;
  }

  /** Yields the stored words in the order they were added. */
  *words(): Generator<string> {
    for (let i = 0; i < this.size; i++) {
      yield this.bytes.toString("utf8", this.offsets[i]!, this.offsets[i + 1]!);
    }
  }

  private slotOf(hash: number, start: number, length: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.table[slot]!;
      if (index === EMPTY) return -1;
      if (this.hashes[index] === hash && this.equals(index, start, length)) {
        return slot;
      }
    }
  }

  private equals(index: number, start: number, length: number): boolean {
    const from = this.offsets[index]!;
    if (this.offsets[index + 1]! - from !== length) return false;
    return (
      this.bytes.compare(
        this.bytes,
        start,
        start + length,
        from,
        from + length,
      ) === 0
    );
  }

  private insert(index: number, hash: number): void {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.table[slot] = index;
  }

  private reserve(bytes: number): void {
    if (bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(
      Math.max(bytes, Math.ceil(this.bytes.length * 1.5)),
    );
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  private growWords(): void {
    const capacity = Math.ceil(this.hashes.length * 1.5);
    const offsets = new Uint32Array(capacity + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const hashes = new Uint32Array(capacity);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    this.table = new Int32Array(2 * this.table.length).fill(EMPTY);
    for (let i = 0; i < this.size; i++) this.insert(i, this.hashes[i]!);
  }
}

/** Returns the 32-bit FNV-1a hash of `bytes[start, end)`. */
function hashBytes(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  }
  return hash >>> 0;
}
