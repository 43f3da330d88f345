import type { FileSink } from "./file-sink.js";
import { TsvFormatPool, type FormattedBlock } from "./tsv-pool.js";
import { formatRows, maxRowBytes } from "./tsv-rows.js";

/** Numbers per block handed to the formatter at once (about 1 MB of text). */
const BLOCK_VALUES = 1 << 17;

/**
 * Files with fewer numbers are formatted on the calling thread. The
 * WebAssembly kernel formats about 50 million numbers a second there, and
 * a worker costs tens of milliseconds to start (on a 2-core machine), so
 * workers only pay off from several million numbers.
 */
export const PARALLEL_MIN_VALUES = 1 << 23;

/** Blocks formatted ahead of the one being written, bounding memory. */
const MAX_IN_FLIGHT = 6;

/** Settings of a {@link TsvBlockWriter}. */
export interface TsvBlockSettings {
  dim: number;
  digits: number;
  /** Worker threads; 0 formats on the calling thread. */
  threads: number;
  /** Expected rows, to choose threads early; undefined when unknown. */
  totalRows?: number;
  /** Called with the rows written so far after each written block. */
  onRows?: (rows: number) => void;
}

/**
 * Gathers rows into fixed-size blocks, formats each block (on worker
 * threads once the file is large enough) and writes the blocks to `sink`
 * in row order.
 */
export class TsvBlockWriter {
  private block: Float32Array;
  private filled = 0;
  private rows = 0;
  private written = 0;
  private pool: TsvFormatPool | undefined;
  private serial = false;
  private readonly queue: Array<{
    rows: number;
    block: Promise<FormattedBlock>;
  }> = [];
  private readonly spareBlocks: Float32Array[] = [];
  private lastText: Uint8Array | undefined;
  private readonly blockRows: number;
  private readonly buffers: Uint8Array[];
  private bufferIndex = 0;

  constructor(
    private readonly sink: FileSink,
    private readonly settings: TsvBlockSettings,
  ) {
    this.blockRows = Math.max(1, Math.ceil(BLOCK_VALUES / settings.dim));
    this.block = new Float32Array(this.blockRows * settings.dim);
    const size = this.blockRows * maxRowBytes(settings.dim);
    this.buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  }

  /** Adds the rows of `chunk` (whole rows of `dim`). */
  async add(chunk: Float32Array): Promise<void> {
    const { dim } = this.settings;
    const rows = chunk.length / dim;
    for (let offset = 0; offset < rows;) {
      const take = Math.min(rows - offset, this.blockRows - this.filled);
      const part = chunk.subarray(offset * dim, (offset + take) * dim);
      this.block.set(part, this.filled * dim);
      this.filled += take;
      offset += take;
      if (this.filled === this.blockRows) await this.flush();
    }
  }

  /** Writes what is left and returns the row count. */
  async finish(): Promise<number> {
    if (this.filled > 0) await this.flush();
    while (this.queue.length > 0) await this.writeOldest();
    return this.rows;
  }

  /** Stops the worker threads, if any. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  private async flush(): Promise<void> {
    const { dim, digits } = this.settings;
    const values = this.block.subarray(0, this.filled * dim);
    const firstRow = this.rows;
    const rows = this.filled;
    this.rows += rows;
    this.filled = 0;
    if (!this.pool && !this.serial) this.pool = this.startPool();
    if (this.pool) {
      const block = this.pool.format(values, firstRow);
      block.catch(() => undefined); // Awaited in order by writeOldest.
      this.queue.push({ rows, block });
      this.block =
        this.spareBlocks.pop() ?? new Float32Array(this.blockRows * dim);
      while (this.queue.length > MAX_IN_FLIGHT) await this.writeOldest();
      return;
    }
    // The sink may still be writing the other buffer; this one is free.
    const out = this.buffers[this.bufferIndex]!;
    this.bufferIndex ^= 1;
    const end = formatRows(values, dim, digits, firstRow, out);
    await this.sink.write(out.subarray(0, end));
    this.advance(rows);
  }

  private async writeOldest(): Promise<void> {
    const { rows, block } = this.queue.shift()!;
    const { text, values } = await block;
    this.spareBlocks.push(values);
    await this.sink.write(text);
    // The sink has finished the previous write, so its buffer is free.
    if (this.lastText) this.pool?.recycle(this.lastText);
    this.lastText = text;
    this.advance(rows);
  }

  private advance(rows: number): void {
    this.written += rows;
    this.settings.onRows?.(this.written);
  }

  private startPool(): TsvFormatPool | undefined {
    const { threads, totalRows, dim } = this.settings;
    const expected = (totalRows ?? this.rows) * dim;
    if (threads < 1 || expected < PARALLEL_MIN_VALUES) return undefined;
    const pool = TsvFormatPool.start(threads, dim, this.settings.digits);
    this.serial = pool === undefined;
    return pool;
  }
}
