import type { RowCollector } from "./collector.js";
import type { LabelTable } from "./labels.js";

/** Column names and rows of the metadata file of an export. */
export interface MetadataPlan {
  columns: string[];
  rows: () => Iterable<string[]>;
  /** Kept rows the `--metadata` file has no entry for. */
  unmatched: () => number;
}

/**
 * Plans the metadata of an export. Each kept row gets its word (or its
 * `--labels` columns, or its row index), then the columns of `extra`.
 * Those are joined on the first column of `extra`, by 0-based input row
 * when that column is named `row` or `index`, and by word otherwise.
 */
export function planMetadata(
  collector: RowCollector,
  keyed: boolean,
  labels: LabelTable | undefined,
  extra: LabelTable | undefined,
): MetadataPlan {
  const base = baseColumns(keyed, labels);
  const join = extra ? joinTable(extra) : undefined;
  let unmatched = 0;
  const columns = join ? [...base, ...extra!.columns.slice(1)] : base;
  function* rows(): Iterable<string[]> {
    let i = 0;
    for (const cells of baseRows(collector, keyed, labels)) {
      const source = collector.sourceRows[i++]!;
      if (!join) {
        yield cells;
        continue;
      }
      const key = join.byRow ? String(source) : cells[0]!;
      const found = join.map.get(key);
      if (!found) unmatched += 1;
      yield [...cells, ...(found ?? join.blank)];
    }
  }
  return { columns, rows, unmatched: () => unmatched };
}

function baseColumns(keyed: boolean, labels: LabelTable | undefined) {
  if (keyed) return ["word"];
  return labels ? labels.columns : ["row"];
}

function* baseRows(
  collector: RowCollector,
  keyed: boolean,
  labels: LabelTable | undefined,
): Iterable<string[]> {
  if (keyed) {
    for (const word of collector.keptWords()) yield [word];
    return;
  }
  for (let i = 0; i < collector.report.rowsKept; i++) {
    const source = collector.sourceRows[i]!;
    yield labels ? labels.rows[source]! : [String(source)];
  }
}

function joinTable(table: LabelTable) {
  const key = table.columns[0]!.trim().toLowerCase();
  const byRow = key === "row" || key === "index";
  const map = new Map<string, string[]>();
  for (const row of table.rows) {
    if (!map.has(row[0]!)) map.set(row[0]!, row.slice(1));
  }
  const blank = table.columns.slice(1).map(() => "");
  return { byRow, map, blank };
}
