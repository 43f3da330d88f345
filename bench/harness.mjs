// Shared helpers for the benchmark scripts: timing in-process stages,
// running the Python anchors, and printing side-by-side ratios.
import { execFileSync, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Directory of the benchmark scripts. */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

/** Python interpreter with the Debian anchors installed by setup.sh. */
export const PYTHON = process.env.TEXTDREAM_BENCH_PYTHON ?? "/usr/bin/python3";

/**
 * Times `fn` `runs` times after `warmup` untimed runs and returns the
 * sorted timings in seconds with their median.
 */
export async function timeRuns(fn, { runs = 7, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  return { median: median(seconds), min: seconds[0], max: seconds.at(-1) };
}

/** Returns the median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `bench/python/<script>` with `args` and parses the JSON object it
 * prints on its last stdout line.
 */
export function runPython(script, args = [], env = {}) {
  const output = execFileSync(
    PYTHON,
    [join(BENCH_DIR, "python", script), ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const lines = output.trim().split("\n");
  return JSON.parse(lines.at(-1));
}

/** Describes this machine for RESULTS.md: CPU model, cores, Node version. */
export function machineLine() {
  const list = cpus();
  return `${list[0]?.model ?? "unknown CPU"}, ${list.length} cores, Node ${process.version}`;
}

/**
 * Prints a Markdown table of `rows` ({ stage, textdream, other, anchor,
 * target }) with the ratio anchor / textdream, so numbers above 1 mean
 * textdream is faster.
 */
export function printTable(title, rows) {
  const lines = [
    `### ${title}`,
    "",
    `${new Date().toISOString().slice(0, 10)}, ${machineLine()}`,
    "",
    "| stage | textdream median (s) | compared with | its median (s) | speed-up | target |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of rows) {
    const ratio =
      row.other === undefined
        ? ""
        : `${(row.other / row.textdream).toFixed(2)}x`;
    lines.push(
      `| ${row.stage} | ${row.textdream.toFixed(3)} | ${row.anchor ?? ""} | ${row.other === undefined ? "" : row.other.toFixed(3)} | ${ratio} | ${row.target ?? ""} |`,
    );
  }
  console.log(lines.join("\n"));
  return lines.join("\n");
}

/**
 * Runs each command of `commands` (arrays of argv) in turn, `runs` times
 * after one warm-up round, under /usr/bin/time, and returns per command the
 * median wall seconds and the median peak RSS in MB. Alternating the
 * commands keeps a drift of the machine's speed from favouring one.
 */
export function timeProcesses(commands, { runs = 5, cwd, env, before } = {}) {
  const samples = commands.map(() => ({ wall: [], rssMb: [] }));
  for (let round = 0; round <= runs; round++) {
    commands.forEach((argv, i) => {
      before?.(i);
      const result = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", ...argv], {
        cwd,
        env: { ...process.env, ...env },
        encoding: "utf8",
        stdio: ["ignore", "ignore", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = result.stderr.split("\n").find((l) => l.startsWith("TIME "));
      if (result.status !== 0 || line === undefined) {
        throw new Error(
          `benchmark command failed (${argv.join(" ")}): ${result.stderr.slice(-2000)}`,
        );
      }
      if (round === 0) return;
      const [, wall, rssKb] = line.split(" ");
      samples[i].wall.push(Number(wall));
      samples[i].rssMb.push(Number(rssKb) / 1024);
    });
  }
  return samples.map((s) => ({
    wall: median(s.wall),
    wallMin: Math.min(...s.wall),
    wallMax: Math.max(...s.wall),
    rssMb: median(s.rssMb),
  }));
}
