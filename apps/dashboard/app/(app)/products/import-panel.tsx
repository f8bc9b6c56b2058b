"use client";

import { useEffect, useRef, useState } from "react";
import type { ChangeEvent, FormEvent } from "react";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { isJobActive } from "../../../lib/graphql-types";
import type { TImportFormat, TImportResult, TJobRun } from "../../../lib/graphql-types";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { useCurrentUser } from "../current-user";
import { JobRunItem } from "./job-run-item";
import { ImportProductsFileMutation, JobRunQuery, MerchantsQuery } from "./products.graphql";

// Files are sent as one GraphQL string; keep them within what one request should carry.
const MAX_FILE_BYTES = 20 * 1024 * 1024;

function formatFromFileName(name: string): TImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "CSV";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) return "JSONL";
  return null;
}

function ImportedJob({ initial, onFinished }: { initial: TJobRun; onFinished: () => void }) {
  const query = useGraphQLQuery(
    JobRunQuery,
    { id: initial.id },
    { pollMs: 1000, pollWhile: (data) => data.jobRun !== null && isJobActive(data.jobRun) },
  );
  const job = query.data?.jobRun ?? initial;
  const active = isJobActive(job);
  const reported = useRef(false);
  useEffect(() => {
    if (!active && !reported.current) {
      reported.current = true;
      onFinished();
    }
  }, [active, onFinished]);
  return <JobRunItem job={job} />;
}

function ImportResultView({ result, onJobFinished }: { result: TImportResult; onJobFinished: () => void }) {
  const counts: [string, number][] = [
    ["Received", result.received],
    ["Created", result.created],
    ["Updated", result.updated],
    ["Unchanged", result.unchanged],
    ["Invalid", result.invalid],
  ];
  return (
    <div className="import-result" data-testid="import-result">
      <dl className="counts">
        {counts.map(([label, value]) => (
          <div key={label} className={label === "Invalid" && value > 0 ? "count count-bad" : "count"}>
            <dt>{label}</dt>
            <dd data-testid={`import-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <div className="table-wrap">
          <table className="table compact errors-table">
            <caption>Rows not imported</caption>
            <thead>
              <tr>
                <th scope="col" className="col-row">
                  Row
                </th>
                <th scope="col" className="col-sku">
                  SKU
                </th>
                <th scope="col" className="col-field">
                  Field
                </th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((rowError, index) => (
                <tr key={`${rowError.row}-${rowError.field}-${index}`} data-testid="import-error-row">
                  <td className="num">{rowError.row}</td>
                  <td className="mono">{rowError.sku ?? "—"}</td>
                  <td className="mono">{rowError.field}</td>
                  <td>{rowError.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.jobRun !== null ? (
        <div className="import-job">
          <h3>Analysis job</h3>
          <ImportedJob key={result.jobRun.id} initial={result.jobRun} onFinished={onJobFinished} />
        </div>
      ) : (
        <p className="muted small">Nothing changed, so no analysis job was started.</p>
      )}
    </div>
  );
}

export function ImportPanel({ onImported, onJobFinished }: { onImported: () => void; onJobFinished: () => void }) {
  const user = useCurrentUser();
  const merchants = useGraphQLQuery(MerchantsQuery, {});
  const [merchantId, setMerchantId] = useState<string>("");
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<TImportFormat>("CSV");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);

  const merchantList = merchants.data?.merchants ?? [];
  // Default to the user's own merchant, else the first one the API lists.
  const selectedMerchantId =
    merchantId || (merchantList.find((merchant) => merchant.id === user.merchantId) ?? merchantList[0])?.id || "";

  function onFileChange(event: ChangeEvent<HTMLInputElement>): void {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setError(null);
    if (chosen !== null) {
      const detected = formatFromFileName(chosen.name);
      if (detected !== null) setFormat(detected);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (file === null) {
      setError("Choose a CSV or JSONL file first.");
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(
        `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB. Use the CLI for larger catalogs.`,
      );
      return;
    }
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const content = await file.text();
      const data = await graphqlRequest(ImportProductsFileMutation, {
        merchantId: selectedMerchantId || null,
        format,
        content,
      });
      setResult(data.importProductsFile);
      merchants.refetch();
      onImported();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="card" aria-labelledby="import-heading">
      <div className="card-head">
        <h2 id="import-heading">Import products</h2>
      </div>
      <form className="stack" onSubmit={(event) => void onSubmit(event)}>
        <label className="field">
          <span>Merchant</span>
          <select
            data-testid="import-merchant"
            value={selectedMerchantId}
            onChange={(event) => setMerchantId(event.target.value)}
            disabled={merchantList.length === 0}
          >
            {merchantList.length === 0 && <option value="">{merchants.loading ? "Loading…" : "No merchants"}</option>}
            {merchantList.map((merchant) => (
              <option key={merchant.id} value={merchant.id}>
                {merchant.name} ({merchant.productCount})
              </option>
            ))}
          </select>
        </label>
        {merchants.error !== undefined && <p className="error-text small">{errorMessage(merchants.error)}</p>}
        <div className="field-row">
          <label className="field grow">
            <span>File (CSV or JSONL)</span>
            <input
              data-testid="import-file"
              type="file"
              accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
              onChange={onFileChange}
            />
          </label>
          <label className="field">
            <span>Format</span>
            <select
              data-testid="import-format"
              value={format}
              onChange={(event) => setFormat(event.target.value === "JSONL" ? "JSONL" : "CSV")}
            >
              <option value="CSV">CSV</option>
              <option value="JSONL">JSONL</option>
            </select>
          </label>
        </div>
        <button
          data-testid="import-submit"
          type="submit"
          className="button primary"
          disabled={submitting || file === null}
        >
          {submitting ? "Importing…" : "Import"}
        </button>
        {error !== null && (
          <p className="error-text" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
      </form>
      {result !== null && <ImportResultView result={result} onJobFinished={onJobFinished} />}
    </section>
  );
}
