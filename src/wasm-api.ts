/** A WebAssembly memory, shared between threads or not. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/**
 * The parts of the WebAssembly JavaScript API textdream's kernels use,
 * which Node's type definitions do not declare without the DOM library.
 */
export interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }) => WasmMemory;
  Instance: new (
    module: object,
    imports: object,
  ) => { exports: Record<string, unknown> };
}

/** The runtime's WebAssembly API. */
export const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi })
  .WebAssembly;

/** Bytes in one WebAssembly memory page. */
export const PAGE_BYTES = 65_536;
