import type { Logger } from "../io/logger.js";
import type { RowCollector } from "./collector.js";
import type { VectorReader } from "./readers.js";

/** Missing words listed by name in a warning; the rest are counted. */
const LISTED_WORDS = 10;

/**
 * Sends one warning per rule that dropped, replaced or could not match
 * rows to `logger`, and returns them.
 */
export function reportWarnings(
  collector: RowCollector,
  reader: VectorReader,
  unmatched: number,
  logger: Logger,
): string[] {
  const report = collector.report;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    logger.warn(message);
  };
  const { headerRows, rowsRead } =
    report.headerRows !== undefined
      ? report
      : { ...report, headerRows: reader.headerRows };
  if (headerRows !== undefined && headerRows !== rowsRead && !collector.done) {
    warn(
      `the header announces ${headerRows} rows, but the file contains ${rowsRead}; all ${rowsRead} were read.`,
    );
  }
  if (report.duplicates > 0) {
    warn(
      `${report.duplicates} rows repeat an earlier word; the first of each was kept and the repeats dropped.`,
    );
  }
  if (report.badRows > 0) {
    warn(`${report.badRows} rows with a wrong field count were skipped.`);
  }
  if (report.nonfinite > 0) {
    warn(`${report.nonfinite} rows holding NaN or Infinity were dropped.`);
  }
  if (report.invalidUtf8 > 0) {
    warn(
      `${report.invalidUtf8} words were not valid UTF-8; their bad bytes became U+FFFD.`,
    );
  }
  if (report.zeroRows > 0) {
    warn(`${report.zeroRows} rows are all zeros and were left unnormalized.`);
  }
  const missing = report.missingWords;
  if (missing.length > 0) {
    const listed = missing.slice(0, LISTED_WORDS).join(", ");
    const more = missing.length > LISTED_WORDS ? ", ..." : "";
    warn(
      `${missing.length} requested words are not in the input: ${listed}${more}.`,
    );
  }
  if (unmatched > 0) {
    warn(
      `${unmatched} rows have no entry in the metadata file; their extra cells are empty.`,
    );
  }
  return warnings;
}
