/** Projection keys the projector reads per point for each projection. */
const KEYS_OF: Record<string, string[]> = {
  custom: ["linear-x", "linear-y"],
  umap: ["umap-0", "umap-1"],
  tsne: ["tsne-0", "tsne-1"],
  pca: ["pca-0", "pca-1"],
};

/**
 * Returns what is wrong with saved state `index` for a run of `points`
 * points, one message per problem, each naming the field and the fix.
 */
export function checkState(
  state: unknown,
  index: number,
  points: number,
): string[] {
  const where = `saved state ${index}`;
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    return [`${where} is not a JSON object; the projector cannot load it.`];
  }
  const record = state as Record<string, unknown>;
  const projection = record.selectedProjection;
  const keys = typeof projection === "string" ? KEYS_OF[projection] : undefined;
  if (!keys) {
    return [
      `${where} has selectedProjection ${JSON.stringify(projection)}; expected one of ${Object.keys(KEYS_OF).join(", ")}. Write the bookmarks again with textdream preview.`,
    ];
  }
  const problems: string[] = [];
  const dims = record.dataSetDimensions;
  if (!Array.isArray(dims) || dims[0] !== points) {
    problems.push(
      `${where} has dataSetDimensions ${JSON.stringify(dims)} but the run has ${points} points; the projector would reject it. Run textdream preview again on this run.`,
    );
  }
  if (!Array.isArray(record.pcaComponentDimensions)) {
    problems.push(
      `${where} lacks the pcaComponentDimensions array, which the projector reads on load; add [0, 1].`,
    );
  }
  problems.push(...checkProjections(record.projections, keys, where, points));
  return problems;
}

function checkProjections(
  projections: unknown,
  keys: string[],
  where: string,
  points: number,
): string[] {
  if (!Array.isArray(projections) || projections.length !== points) {
    const got = Array.isArray(projections) ? projections.length : "no";
    return [
      `${where} has ${got} projections for ${points} points; the projector places point i from projections[i], so write one per point.`,
    ];
  }
  for (let row = 0; row < points; row++) {
    const entry = projections[row] as Record<string, unknown> | null;
    const bad = keys.find(
      (key) => typeof entry?.[key] !== "number" || !Number.isFinite(entry[key]),
    );
    if (bad !== undefined) {
      return [
        `${where} has no finite "${bad}" for point ${row} (0-based); the projector would place it at NaN. Write the bookmarks again with textdream preview.`,
      ];
    }
  }
  return [];
}
