// WebAssembly kernel for UMAP's stochastic gradient descent in 2-D,
// compiled by AssemblyScript at build time (`npm run build`).
//
// The points are split into blocks. Each block owns a range of points and
// the edges whose tail lies in that range, and blocks may run on different
// threads over one shared memory. Within an epoch a block reads and moves its own
// points live, reads every other point from a snapshot taken at the end of
// the previous epoch, and writes the snapshot for the next epoch from its
// own points. No block reads what another writes during the epoch, so the
// layout is the same whether blocks run one after another or at once.
//
// The caller lays out the arrays in memory. Positions take 2 float64 per
// point, three times: live, and two snapshots used alternately. Each kept
// edge has its tail and head (int32) and its sampling state (float64:
// epochs per sample, epochs per negative sample, next sample epoch, next
// negative epoch). Each block has a mulberry32 generator state (uint32).

const CLIP: f64 = 4;
const MANTISSA: u64 = 0x000f_ffff_ffff_ffff;
const ONE: u64 = 0x3ff0_0000_0000_0000;

/** State of the running block's generator, kept out of shared memory. */
let state: u32 = 0;

/** Returns the next uniform number in [0, 1) of the block's generator. */
function random(): f64 {
  state += 0x6d2b79f5;
  let t: u32 = (state ^ (state >>> 15)) * (1 | state);
  t = (t + (t ^ (t >>> 7)) * (61 | t)) ^ t;
  return <f64>(t ^ (t >>> 14)) / 4294967296.0;
}

/**
 * Returns x^y for x > 0 as 2^(y log2 x), with log2 and 2^f computed by
 * least-squares polynomials over the float bits. The relative error is
 * below 3e-6, far below what the gradient steps notice. The library's exp
 * and log took about two thirds of each epoch (measured on 5,000 points).
 */
function fastPow(x: f64, y: f64): f64 {
  const bits = reinterpret<u64>(x);
  const e = <f64>(<i32>(bits >> 52) - 1023);
  // x = 2^e (1 + t) with t in [0, 1).
  const t = reinterpret<f64>((bits & MANTISSA) | ONE) - 1;
  const t2 = t * t;
  const log2 =
    t * (1.4425347553800418 + t * -0.718033203389976) +
    t2 * t * (0.4571561308219047 + t * -0.27733722319427745) +
    t2 * t2 * t * (0.12146852561512074 + t * -0.025790712011065652);
  const z = min(1023.0, max(-1022.0, y * (e + log2)));
  const n = Math.floor(z);
  const f = z - n;
  const f2 = f * f;
  const fraction =
    0.9999998960218923 +
    f * 0.6931546159212169 +
    f2 * (0.24014078683040482 + f * 0.05586325839074701) +
    f2 * f2 * (0.008946224943773728 + f * 0.0018951086414134128);
  return fraction * reinterpret<f64>((<u64>(<i64>n + 1023)) << 52);
}

function clip(value: f64): f64 {
  return min(CLIP, max(-CLIP, value));
}

/**
 * Runs epoch `epoch` with learning rate `alpha` and curve parameters `a`
 * and `b` for the block owning points [ownFrom, ownTo) and edges
 * [edgeFrom, edgeTo) of a layout of `points` points. `live` contains the
 * positions, `snapshot` those of the previous epoch, and `next` receives
 * this block's positions at the end of the epoch.
 */
export function runBlock(
  live: usize,
  snapshot: usize,
  next: usize,
  tails: usize,
  heads: usize,
  perSample: usize,
  perNegative: usize,
  nextSample: usize,
  nextNegative: usize,
  rng: usize,
  edgeFrom: i32,
  edgeTo: i32,
  ownFrom: i32,
  ownTo: i32,
  points: i32,
  epoch: f64,
  alpha: f64,
  a: f64,
  b: f64,
): void {
  const attract = -2 * a * b;
  const repel = 2 * b;
  state = load<u32>(rng);
  for (let i = edgeFrom; i < edgeTo; i++) {
    const at = (<usize>i) << 3;
    const due = load<f64>(nextSample + at);
    if (due > epoch) continue;
    const tail = load<i32>(tails + ((<usize>i) << 2));
    const head = load<i32>(heads + ((<usize>i) << 2));
    const j = live + ((<usize>tail) << 4);
    const headOwned = head >= ownFrom && head < ownTo;
    const k = (headOwned ? live : snapshot) + ((<usize>head) << 4);
    let yx = load<f64>(j);
    let yy = load<f64>(j, 8);
    let dx = yx - load<f64>(k);
    let dy = yy - load<f64>(k, 8);
    let d2 = dx * dx + dy * dy;
    if (d2 > 0) {
      const power = fastPow(d2, b);
      const coeff = (attract * power) / (d2 * (a * power + 1));
      const gx = clip(coeff * dx) * alpha;
      const gy = clip(coeff * dy) * alpha;
      if (headOwned) {
        yx += gx;
        yy += gy;
        store<f64>(k, load<f64>(k) - gx);
        store<f64>(k, load<f64>(k, 8) - gy, 8);
      } else {
        // Another block owns the head and moves it along the reverse edge
        // (the graph is symmetric), so the tail takes both pulls.
        yx += 2 * gx;
        yy += 2 * gy;
      }
    }
    store<f64>(nextSample + at, due + load<f64>(perSample + at));
    const negativeEvery = load<f64>(perNegative + at);
    const negativeDue = load<f64>(nextNegative + at);
    const negatives = Math.floor((epoch - negativeDue) / negativeEvery);
    // The repulsions are all taken from the tail's position after the
    // attraction, then summed, so they do not wait on one another.
    let pushX: f64 = 0;
    let pushY: f64 = 0;
    for (let p = 0; p < <i32>negatives; p++) {
      const other = <i32>Math.floor(random() * points);
      if (other == tail) continue;
      const owned = other >= ownFrom && other < ownTo;
      const o = (owned ? live : snapshot) + ((<usize>other) << 4);
      dx = yx - load<f64>(o);
      dy = yy - load<f64>(o, 8);
      d2 = dx * dx + dy * dy;
      if (d2 <= 0) continue;
      const power = fastPow(d2, b);
      const coeff = repel / ((0.001 + d2) * (a * power + 1));
      pushX += clip(coeff * dx);
      pushY += clip(coeff * dy);
    }
    store<f64>(j, yx + pushX * alpha);
    store<f64>(j, yy + pushY * alpha, 8);
    store<f64>(nextNegative + at, negativeDue + negatives * negativeEvery);
  }
  const from = (<usize>ownFrom) << 4;
  memory.copy(next + from, live + from, (<usize>(ownTo - ownFrom)) << 4);
}

/** Returns the first byte after this module's static data (math tables). */
export function heapBase(): usize {
  return __heap_base;
}

/** Returns {@link fastPow}(x, y), for tests of its accuracy. */
export function power(x: f64, y: f64): f64 {
  return fastPow(x, y);
}
