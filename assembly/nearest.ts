// WebAssembly SIMD kernel for exact nearest-word search, compiled by
// AssemblyScript at build time (`npm run build`).
//
// Words are laid out in groups of 8: for group g and dimension d, the 8
// words' values are 8 consecutive float32 at
// `words + ((g * dim + d) * 8) * 4`, so one pair of v128 loads feeds 8 dot
// products. Queries are float32 rows of `dim` values, padded with zero rows
// to a multiple of 4. Each query keeps its best `capacity` (score, row)
// pairs sorted by descending score in `bestScores` / `bestRows`, and only
// a score above the current worst kept one leaves the SIMD loop.

/** Words per group in the interleaved layout. */
const LANES: i32 = 8;
/** Groups scored against every query block before moving on: 512 words. */
const CHUNK_GROUPS: i32 = 64;

/**
 * Scores queries against word groups [groupFrom, groupTo) and merges every
 * score above each query's current worst kept score into its best list.
 * Rows at or beyond `rows` (padding of the last group) are skipped.
 */
export function searchGroups(
  words: usize,
  groupFrom: i32,
  groupTo: i32,
  rows: i32,
  dim: i32,
  queries: usize,
  queryCount: i32,
  capacity: i32,
  bestScores: usize,
  bestRows: usize,
): void {
  for (let chunk = groupFrom; chunk < groupTo; chunk += CHUNK_GROUPS) {
    const chunkEnd = min(chunk + CHUNK_GROUPS, groupTo);
    for (let q = 0; q < queryCount; q += 4) {
      scoreBlock(
        words,
        chunk,
        chunkEnd,
        rows,
        dim,
        queries,
        q,
        queryCount,
        capacity,
        bestScores,
        bestRows,
      );
    }
  }
}

function worst(bestScores: usize, query: i32, capacity: i32): v128 {
  return v128.load32_splat(
    bestScores + ((<usize>(query * capacity + capacity - 1)) << 2),
  );
}

function scoreBlock(
  words: usize,
  groupFrom: i32,
  groupTo: i32,
  rows: i32,
  dim: i32,
  queries: usize,
  q: i32,
  queryCount: i32,
  capacity: i32,
  bestScores: usize,
  bestRows: usize,
): void {
  const stride = (<usize>dim) << 2;
  const q0 = queries + <usize>q * stride;
  const q1 = q0 + stride;
  const q2 = q1 + stride;
  const q3 = q2 + stride;
  for (let g = groupFrom; g < groupTo; g++) {
    let a0 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let b1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let b2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    let b3 = f32x4.splat(0);
    let w = words + ((<usize>g * <usize>dim) << 5);
    for (let d = 0; d < dim; d++) {
      const offset = (<usize>d) << 2;
      const lo = v128.load(w);
      const hi = v128.load(w, 16);
      let s = v128.load32_splat(q0 + offset);
      a0 = f32x4.add(a0, f32x4.mul(s, lo));
      b0 = f32x4.add(b0, f32x4.mul(s, hi));
      s = v128.load32_splat(q1 + offset);
      a1 = f32x4.add(a1, f32x4.mul(s, lo));
      b1 = f32x4.add(b1, f32x4.mul(s, hi));
      s = v128.load32_splat(q2 + offset);
      a2 = f32x4.add(a2, f32x4.mul(s, lo));
      b2 = f32x4.add(b2, f32x4.mul(s, hi));
      s = v128.load32_splat(q3 + offset);
      a3 = f32x4.add(a3, f32x4.mul(s, lo));
      b3 = f32x4.add(b3, f32x4.mul(s, hi));
      w += 32;
    }
    const row = g * LANES;
    offer(a0, b0, q, row, rows, capacity, bestScores, bestRows);
    if (q + 1 < queryCount)
      offer(a1, b1, q + 1, row, rows, capacity, bestScores, bestRows);
    if (q + 2 < queryCount)
      offer(a2, b2, q + 2, row, rows, capacity, bestScores, bestRows);
    if (q + 3 < queryCount)
      offer(a3, b3, q + 3, row, rows, capacity, bestScores, bestRows);
  }
}

function offer(
  lo: v128,
  hi: v128,
  query: i32,
  row: i32,
  rows: i32,
  capacity: i32,
  bestScores: usize,
  bestRows: usize,
): void {
  const threshold = worst(bestScores, query, capacity);
  if (v128.any_true(f32x4.gt(f32x4.max(lo, hi), threshold))) {
    const base = <usize>(query * capacity);
    insertLanes(
      lo,
      row,
      rows,
      capacity,
      bestScores + (base << 2),
      bestRows + (base << 2),
    );
    insertLanes(
      hi,
      row + 4,
      rows,
      capacity,
      bestScores + (base << 2),
      bestRows + (base << 2),
    );
  }
}

function insertLanes(
  scores: v128,
  row: i32,
  rows: i32,
  capacity: i32,
  bestScores: usize,
  bestRows: usize,
): void {
  insert(
    f32x4.extract_lane(scores, 0),
    row,
    rows,
    capacity,
    bestScores,
    bestRows,
  );
  insert(
    f32x4.extract_lane(scores, 1),
    row + 1,
    rows,
    capacity,
    bestScores,
    bestRows,
  );
  insert(
    f32x4.extract_lane(scores, 2),
    row + 2,
    rows,
    capacity,
    bestScores,
    bestRows,
  );
  insert(
    f32x4.extract_lane(scores, 3),
    row + 3,
    rows,
    capacity,
    bestScores,
    bestRows,
  );
}

/**
 * Inserts (score, row) into one query's best list, sorted by descending
 * score, when it beats the worst kept entry. Rows arrive in increasing
 * order, so an equal score never displaces an earlier row.
 */
function insert(
  score: f32,
  row: i32,
  rows: i32,
  capacity: i32,
  bestScores: usize,
  bestRows: usize,
): void {
  if (row >= rows) return;
  let i = capacity - 1;
  if (!(score > load<f32>(bestScores + ((<usize>i) << 2)))) return;
  while (i > 0 && score > load<f32>(bestScores + ((<usize>(i - 1)) << 2))) {
    store<f32>(
      bestScores + ((<usize>i) << 2),
      load<f32>(bestScores + ((<usize>(i - 1)) << 2)),
    );
    store<i32>(
      bestRows + ((<usize>i) << 2),
      load<i32>(bestRows + ((<usize>(i - 1)) << 2)),
    );
    i--;
  }
  store<f32>(bestScores + ((<usize>i) << 2), score);
  store<i32>(bestRows + ((<usize>i) << 2), row);
}
