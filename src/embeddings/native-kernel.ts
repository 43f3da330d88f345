import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The native AVX2/FMA kernel built from native/nearest.cc. */
export interface NativeKernel {
  /**
   * Runs kernel calls (10 int32 arguments each, as for the WebAssembly
   * `searchGroups`) over `memory`, one thread per call.
   */
  searchCalls(memory: Uint8Array, calls: Int32Array): void;
  /** Returns true when this CPU has AVX2 and FMA. */
  supported(): boolean;
  /**
   * Maps a whole non-empty file copy-on-write into memory and returns it
   * as an ArrayBuffer; pages are read from the file when first touched.
   */
  mapFile(path: string): ArrayBuffer;
}

let loaded: NativeKernel | null | undefined;
let loadProblem = "";

/** Returns the path of the native kernel, built by `npm run build`. */
export function nativeKernelPath(): string {
  // Both src/embeddings and dist/embeddings sit two levels below the root.
  const url = new URL(
    "../../native/build/Release/nearest.node",
    import.meta.url,
  );
  return fileURLToPath(url);
}

/**
 * Loads the native kernel once per process, or returns null with
 * {@link nativeKernelProblem} set when it was not built or this CPU lacks
 * AVX2 and FMA.
 */
export function nativeKernel(): NativeKernel | null {
  if (loaded !== undefined) return loaded;
  try {
    const kernel = createRequire(import.meta.url)(
      nativeKernelPath(),
    ) as NativeKernel;
    loaded = kernel.supported() ? kernel : null;
    if (!loaded) loadProblem = "this CPU lacks AVX2 and FMA";
  } catch (error) {
    loadProblem = error instanceof Error ? error.message : String(error);
    loaded = null;
  }
  return loaded;
}

/** Returns why {@link nativeKernel} returned null, or "". */
export function nativeKernelProblem(): string {
  return loadProblem;
}
