import { FileFormatError } from "../errors.js";

/** One vector found in a JSON file, its values still as text. */
export interface JsonRow {
  /** The word (object key), or null for an element of a top-level array. */
  key: string | null;
  /** The text between the brackets: numbers separated by commas. */
  text: string;
  /** Character offset of the row in the file. */
  at: number;
}

type Mode = "start" | "rows" | "top" | "map" | "end";

interface SkipState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const WHITESPACE = /[^ \t\r\n]/g;
const TOKEN_END = /[,}\]\s]/g;

/**
 * Finds vectors in JSON text fed piece by piece, so a file of any size is
 * read in bounded memory. It accepts an array of number arrays, an object
 * mapping words to number arrays, and an object whose `vectors` key contains
 * such a map (the wink format), whose numeric fields it keeps in `meta`.
 */
export class JsonScanner {
  /** Rows found and not yet taken by the caller. */
  pending: JsonRow[] = [];
  /** Numeric top-level fields of a wrapper object (`dimensions`, ...). */
  readonly meta: Record<string, number> = {};
  private readonly path: string;
  private buf = "";
  private pos = 0;
  private consumed = 0;
  private mode: Mode = "start";
  private skip: SkipState | undefined;
  private wrapper = false;
  private topRows = 0;

  constructor(path: string) {
    this.path = path;
  }

  /** Scans `text`, the next piece of the file; `final` marks the end. */
  feed(text: string, final = false): void {
    this.buf =
      this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.consumed += this.pos;
    this.pos = 0;
    while (this.step()) {
      // Each step consumes one token or one entry.
    }
    if (final) this.finish();
  }

  private step(): boolean {
    if (this.skip) return this.continueSkip();
    WHITESPACE.lastIndex = this.pos;
    if (!WHITESPACE.exec(this.buf)) {
      this.pos = this.buf.length;
      return false;
    }
    this.pos = WHITESPACE.lastIndex - 1;
    const c = this.buf[this.pos]!;
    switch (this.mode) {
      case "start":
        if (c !== "[" && c !== "{") throw this.error(`found "${c}"`);
        this.mode = c === "[" ? "rows" : "top";
        this.pos += 1;
        return true;
      case "rows":
        if (c === "]") this.mode = "end";
        if (c === "]" || c === ",") return this.advance();
        if (c === "[") return this.readArray(null, this.pos);
        throw this.error(`found "${c}" where a row array should start`);
      case "top":
      case "map":
        if (c === "}") this.mode = this.mode === "map" ? "top" : "end";
        if (c === "}" || c === ",") return this.advance();
        if (c === '"') return this.readEntry();
        throw this.error(`found "${c}" where a word should start`);
      case "end":
        throw this.error(`found "${c}" after the end of the JSON value`);
    }
  }

  private advance(): boolean {
    this.pos += 1;
    return true;
  }

  private readEntry(): boolean {
    const keyEnd = this.stringEnd(this.pos);
    if (keyEnd < 0) return false;
    const raw = this.buf.slice(this.pos, keyEnd + 1);
    const key = raw.includes("\\")
      ? (JSON.parse(raw) as string)
      : raw.slice(1, -1);
    const colon = this.nextNonWhitespace(keyEnd + 1);
    if (colon < 0) return false;
    if (this.buf[colon] !== ":")
      throw this.error(`found "${this.buf[colon]}" after key "${key}"`);
    const value = this.nextNonWhitespace(colon + 1);
    if (value < 0) return false;
    const c = this.buf[value]!;
    if (c === "[") return this.readArray(key, value);
    if (c === "{" && this.mode === "top" && key === "vectors") {
      this.markWrapper(key);
      this.mode = "map";
      this.pos = value + 1;
      return true;
    }
    if (this.mode === "map")
      throw this.error(`the value of "${key}" is not an array of numbers`);
    this.markWrapper(key);
    if (c === "{" || c === '"') return this.startSkip(value);
    return this.readScalar(key, value);
  }

  private readArray(key: string | null, start: number): boolean {
    const first = this.nextNonWhitespace(start + 1);
    if (first < 0) return false;
    const c = this.buf[first]!;
    if (c === '"' || c === "[" || c === "{") {
      if (this.mode === "rows")
        throw this.error(`row ${this.topRows} is not an array of numbers`);
      this.markWrapper(key ?? "");
      return this.startSkip(start);
    }
    const close = this.buf.indexOf("]", first);
    if (close < 0) return false;
    const text = this.buf.slice(start + 1, close);
    if (this.mode !== "top" || !this.wrapper) {
      this.pending.push({ key, text, at: this.consumed + start });
      if (this.mode !== "map") this.topRows += 1;
    }
    this.pos = close + 1;
    return true;
  }

  private readScalar(key: string, start: number): boolean {
    TOKEN_END.lastIndex = start;
    if (!TOKEN_END.exec(this.buf)) return false;
    const end = TOKEN_END.lastIndex - 1;
    const value = Number(this.buf.slice(start, end));
    if (Number.isFinite(value)) this.meta[key] = value;
    this.pos = end;
    return true;
  }

  private markWrapper(key: string): void {
    if (this.wrapper) return;
    if (this.topRows > 0) {
      throw this.error(
        `the value of "${key}" is not an array of numbers, unlike the ${this.topRows} entries before it`,
      );
    }
    this.wrapper = true;
  }

  private startSkip(start: number): boolean {
    const inString = this.buf[start] === '"';
    this.skip = { depth: inString ? 0 : 1, inString, escaped: false };
    this.pos = start + 1;
    return true;
  }

  private continueSkip(): boolean {
    const state = this.skip!;
    const buf = this.buf;
    for (let i = this.pos; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (state.inString) {
        if (state.escaped) state.escaped = false;
        else if (c === 0x5c) state.escaped = true;
        else if (c === 0x22) state.inString = false;
        else continue;
      } else if (c === 0x22) state.inString = true;
      else if (c === 0x5b || c === 0x7b) state.depth += 1;
      else if (c === 0x5d || c === 0x7d) state.depth -= 1;
      else continue;
      if (state.depth === 0 && !state.inString) {
        this.skip = undefined;
        this.pos = i + 1;
        return true;
      }
    }
    this.pos = buf.length;
    return false;
  }

  private stringEnd(start: number): number {
    let i = start;
    for (;;) {
      i = this.buf.indexOf('"', i + 1);
      if (i < 0) return -1;
      let slashes = 0;
      while (this.buf[i - 1 - slashes] === "\\") slashes += 1;
      if (slashes % 2 === 0) return i;
    }
  }

  private nextNonWhitespace(from: number): number {
    WHITESPACE.lastIndex = from;
    return WHITESPACE.exec(this.buf) ? WHITESPACE.lastIndex - 1 : -1;
  }

  private finish(): void {
    if (this.mode === "end" && !this.skip) return;
    const offset = this.consumed + this.buf.length;
    throw new FileFormatError(
      `Reading "${this.path}" as JSON failed: the text ends at character ${offset} before the JSON value is complete. Pass the complete file.`,
    );
  }

  private error(problem: string): FileFormatError {
    return new FileFormatError(
      `Reading "${this.path}" as JSON failed at character ${this.consumed + this.pos}: ${problem}. Expected an array of number arrays, an object mapping words to number arrays, or the wink format.`,
    );
  }
}
