import { InvalidArgumentError } from "commander";

/** Bounds for {@link integerOption} and {@link numberOption}. */
export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * Returns a commander parser that accepts a whole number within `bounds`
 * and rejects anything else with a message naming the value.
 */
export function integerOption(bounds: Bounds = {}) {
  return (value: string): number => {
    const parsed = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed)) {
      throw new InvalidArgumentError(`"${value}" is not a whole number.`);
    }
    checkBounds(value, parsed, bounds);
    return parsed;
  };
}

/**
 * Returns a commander parser that accepts a finite number within `bounds`
 * and rejects anything else with a message naming the value.
 */
export function numberOption(bounds: Bounds = {}) {
  return (value: string): number => {
    const parsed = value.trim() === "" ? NaN : Number(value);
    if (!Number.isFinite(parsed)) {
      throw new InvalidArgumentError(`"${value}" is not a finite number.`);
    }
    checkBounds(value, parsed, bounds);
    return parsed;
  };
}

/**
 * Returns a commander parser that accepts one of `choices` and rejects
 * anything else with a message listing them.
 */
export function choiceOption<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(
      `"${value}" is not one of ${choices.join(", ")}.`,
    );
  };
}

function checkBounds(text: string, value: number, bounds: Bounds): void {
  if (bounds.min !== undefined && value < bounds.min) {
    throw new InvalidArgumentError(
      `"${text}" is below the minimum ${bounds.min}.`,
    );
  }
  if (bounds.max !== undefined && value > bounds.max) {
    throw new InvalidArgumentError(
      `"${text}" is above the maximum ${bounds.max}.`,
    );
  }
}
