// Turns vitest's JSON report (plus how the run ended) into the counts of the closing line.
// A file that fails before any test runs (import error, failing beforeAll) and errors vitest
// reports outside any test would vanish from the plain test counts: each counts as one failure.

/** @typedef {{ passed: number, failed: number, skipped: number, notes: string[] }} TCounts */

/** @returns {TCounts} */
export function emptyCounts() {
  return { passed: 0, failed: 0, skipped: 0, notes: [] };
}

/**
 * @param {any} report vitest `--reporter=json` output, or undefined when none was written
 * @param {{ exitCode: number | null, signal?: string | null, label?: string }} run
 * @returns {TCounts}
 */
export function countsFromReport(report, { exitCode, signal = null, label = "vitest" }) {
  const counts = emptyCounts();
  if (!report || !Array.isArray(report.testResults)) {
    counts.failed = 1;
    counts.notes.push(`${label} wrote no report (${signal ?? `exit ${exitCode}`})`);
    return counts;
  }
  for (const file of report.testResults) {
    let failedInFile = 0;
    for (const assertion of file.assertionResults ?? []) {
      if (assertion.status === "passed") counts.passed += 1;
      else if (assertion.status === "failed") failedInFile += 1;
      else counts.skipped += 1; // skipped, pending, todo, disabled
    }
    if (file.status === "failed" && failedInFile === 0) {
      failedInFile = 1;
      const reason = (file.message ?? "").split("\n")[0] || "failed outside any test";
      counts.notes.push(`${file.name}: ${reason}`);
    }
    counts.failed += failedInFile;
  }
  if ((exitCode !== 0 || signal) && counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push(
      `${label} ended with ${signal ?? `exit code ${exitCode}`} although every test passed (unhandled error?)`,
    );
  }
  return counts;
}

/** @param {TCounts[]} parts */
export function addCounts(...parts) {
  const total = emptyCounts();
  for (const part of parts) {
    total.passed += part.passed;
    total.failed += part.failed;
    total.skipped += part.skipped;
    total.notes.push(...part.notes);
  }
  return total;
}

/** The closing line: `N passed, N failed` and `, N skipped` when there are any. */
export function formatSummary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

/** Whether the run counts as a success: nothing failed and at least one test ran. */
export function isSuccess({ passed, failed }) {
  return failed === 0 && passed > 0;
}
