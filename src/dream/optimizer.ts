import { UsageError } from "../errors.js";

/** The optimisers `--optimizer` accepts. */
export const OPTIMIZERS = ["normalized", "adam"] as const;

/** One of {@link OPTIMIZERS}. */
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Updates one vector in place from its gradient. */
export interface VectorOptimizer {
  /**
   * Moves `vector` along `gradient` (ascending, or descending when the
   * optimiser was built with `minimize`).
   */
  step(vector: Float32Array, gradient: Float32Array): void;
}

/** Options of {@link createOptimizer}. */
export interface OptimizerOptions {
  /** Step size; default 0.01. */
  learningRate: number;
  /** Descend instead of ascend; default false. */
  minimize?: boolean;
}

/**
 * Creates an optimiser for one vector. `normalized` is the classic text
 * deep-dream step `e += lr / mean(|grad|) * grad`; `adam` uses the usual
 * moment estimates (beta1 0.9, beta2 0.999, epsilon 1e-8).
 */
export function createOptimizer(
  name: OptimizerName,
  dim: number,
  options: OptimizerOptions,
): VectorOptimizer {
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
    throw new UsageError(
      `invalid learning rate ${options.learningRate}: expected a finite number above 0 (set --lr, default 0.01)`,
    );
  }
  const sign = options.minimize ? -1 : 1;
  if (name === "adam") return adam(dim, options.learningRate, sign);
  return normalized(options.learningRate, sign);
}

function normalized(learningRate: number, sign: number): VectorOptimizer {
  return {
    step(vector, gradient) {
      let sum = 0;
      for (let i = 0; i < gradient.length; i++) sum += Math.abs(gradient[i]!);
      const meanAbs = sum / gradient.length;
      if (meanAbs === 0) return;
      const scale = (sign * learningRate) / meanAbs;
      for (let i = 0; i < vector.length; i++) {
        vector[i] = vector[i]! + scale * gradient[i]!;
      }
    },
  };
}

function adam(dim: number, learningRate: number, sign: number) {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-8;
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  let t = 0;
  return {
    step(vector: Float32Array, gradient: Float32Array) {
      t += 1;
      const correction1 = 1 - beta1 ** t;
      const correction2 = 1 - beta2 ** t;
      for (let i = 0; i < dim; i++) {
        const g = gradient[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const update =
          (learningRate * (m[i]! / correction1)) /
          (Math.sqrt(v[i]! / correction2) + epsilon);
        vector[i] = vector[i]! + sign * update;
      }
    },
  };
}
