import type { LabelledVector } from "../../src/model/index.js";
import { mulberry32 } from "../../src/model/index.js";

/**
 * Builds `count` linearly separable examples of `dim` numbers: class 1 has
 * a positive first coordinate, class 0 a negative one, the rest is noise.
 */
export function separableExamples(
  count: number,
  dim = 8,
  seed = 1,
): LabelledVector[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, index) => {
    const label = index % 2;
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d++) vector[d] = random() * 2 - 1;
    vector[0] = (label === 1 ? 1 : -1) * (0.5 + random());
    return { vector, label };
  });
}
