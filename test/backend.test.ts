import { describe, expect, it } from "vitest";

import { parseBackendName, selectBackend } from "../src/backend.js";
import { UsageError } from "../src/errors.js";

const realImport = (specifier: string) => import(specifier);

describe("selectBackend", () => {
  it("falls back to wasm when tfjs-node is absent", async () => {
    const importModule = async (specifier: string) => {
      if (specifier === "@tensorflow/tfjs-node") {
        throw new Error("Cannot find package '@tensorflow/tfjs-node'");
      }
      return realImport(specifier);
    };
    const name = await selectBackend({ requested: "", importModule });
    expect(name).toBe("wasm");
  });

  it("falls back to cpu when tfjs-node and wasm throw", async () => {
    const tried: string[] = [];
    const importModule = async (specifier: string) => {
      tried.push(specifier);
      throw new Error(`simulated failure loading ${specifier}`);
    };
    const name = await selectBackend({ requested: "", importModule });
    expect(name).toBe("cpu");
    expect(tried).toEqual([
      "@tensorflow/tfjs-node",
      "@tensorflow/tfjs-backend-wasm",
    ]);
  });

  it("rejects a requested backend that fails to load", async () => {
    const importModule = async () => {
      throw new Error("native library missing");
    };
    await expect(
      selectBackend({ requested: "tensorflow", importModule }),
    ).rejects.toThrow(
      'backend "tensorflow" failed to load (native library missing)',
    );
  });

  it("honours TEXTDREAM_BACKEND", async () => {
    const before = process.env.TEXTDREAM_BACKEND;
    process.env.TEXTDREAM_BACKEND = "cpu";
    try {
      expect(await selectBackend()).toBe("cpu");
    } finally {
      if (before === undefined) delete process.env.TEXTDREAM_BACKEND;
      else process.env.TEXTDREAM_BACKEND = before;
    }
  });
});

describe("parseBackendName", () => {
  it.each(["gpu", "", "WASM"])("rejects %j with the choices", (value) => {
    expect(() => parseBackendName(value)).toThrow(UsageError);
    expect(() => parseBackendName(value)).toThrow(
      "expected one of tensorflow, wasm, cpu",
    );
  });
});
