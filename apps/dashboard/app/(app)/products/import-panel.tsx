"use client";

import { useEffect, useRef, useState } from "react";
import type { ChangeEvent, FormEvent } from "react";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import { ImportProductsFileDocument, JobRunDocument, MerchantsDocument } from "../../../lib/graphql/generated/graphql";
import type { ImportProductsFileMutation, TImportFormat } from "../../../lib/graphql/generated/graphql";
import { useT } from "../../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../../lib/i18n/messages";
import { isJobActive, jobsPollPace } from "../../../lib/job-status";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { useCurrentUser } from "../current-user";
import { JobRunItem } from "./job-run-item";
import type { TJobRun } from "./job-run-item";

type TImportResult = ImportProductsFileMutation["importProductsFile"];

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
    JobRunDocument,
    { id: initial.id },
    { pollMs: 1000, pollWhile: (data) => data.jobRun !== null && jobsPollPace([data.jobRun]) },
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
  const t = useT();
  const counts: [string, TMessageKey, number][] = [
    ["received", "import.received", result.received],
    ["created", "import.created", result.created],
    ["updated", "import.updated", result.updated],
    ["unchanged", "import.unchanged", result.unchanged],
    ["invalid", "import.invalid", result.invalid],
  ];
  return (
    <div className="import-result" data-testid="import-result">
      <dl className="counts">
        {counts.map(([id, label, value]) => (
          <div key={id} className={id === "invalid" && value > 0 ? "count count-bad" : "count"}>
            <dt>{t(label)}</dt>
            <dd data-testid={`import-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <div className="table-wrap">
          <table className="table compact errors-table">
            <caption>{t("import.errorsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="col-row">
                  {t("import.col.row")}
                </th>
                <th scope="col" className="col-sku">
                  {t("import.col.sku")}
                </th>
                <th scope="col" className="col-field">
                  {t("import.col.field")}
                </th>
                <th scope="col">{t("import.col.problem")}</th>
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
          <h3>{t("import.analysisJob")}</h3>
          <ImportedJob key={result.jobRun.id} initial={result.jobRun} onFinished={onJobFinished} />
        </div>
      ) : (
        <p className="muted small">{t("import.noJob")}</p>
      )}
    </div>
  );
}

export function ImportPanel({ onImported, onJobFinished }: { onImported: () => void; onJobFinished: () => void }) {
  const user = useCurrentUser();
  const t = useT();
  const merchants = useGraphQLQuery(MerchantsDocument, {});
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
      setError(t("import.chooseFile"));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError(t("import.tooLarge", { size: (file.size / 1024 / 1024).toFixed(1) }));
      return;
    }
    setSubmitting(true);
    setError(null);
    setResult(null);
    try {
      const content = await file.text();
      const data = await graphqlRequest(ImportProductsFileDocument, {
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
        <h2 id="import-heading">{t("import.title")}</h2>
      </div>
      <form className="stack" onSubmit={(event) => void onSubmit(event)}>
        <label className="field">
          <span>{t("import.merchant")}</span>
          <select
            data-testid="import-merchant"
            value={selectedMerchantId}
            onChange={(event) => setMerchantId(event.target.value)}
            disabled={merchantList.length === 0}
          >
            {merchantList.length === 0 && (
              <option value="">{merchants.loading ? t("common.loading") : t("import.noMerchants")}</option>
            )}
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
            <span>{t("import.file")}</span>
            <input
              data-testid="import-file"
              type="file"
              accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
              onChange={onFileChange}
            />
          </label>
          <label className="field">
            <span>{t("import.format")}</span>
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
          {submitting ? t("import.submitting") : t("import.submit")}
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
