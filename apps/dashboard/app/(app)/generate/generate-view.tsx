"use client";

import { useState } from "react";
import { formatNumber } from "../../../lib/format";
import { errorMessage, graphqlRequest } from "../../../lib/graphql-client";
import {
  CancelGenerationDocument,
  GenerateProductsDocument,
  GeneratePreviewDocument,
  GenerateVariantsDocument,
  GenerationRunDocument,
  PauseGenerationDocument,
  ResumeGenerationDocument,
} from "../../../lib/graphql/generated/graphql";
import type {
  GenerationPreviewFieldsFragment,
  GenerationRunFieldsFragment,
  GenerationStyle,
  VariantField,
} from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { isJobActive, jobsPollPace } from "../../../lib/job-status";
import { useGraphQLQuery } from "../../../lib/use-graphql-query";
import { ClaimText } from "../claim-text";
import { useCurrentUser } from "../current-user";
import { JobStatusBadge } from "../products/job-run-item";
import { generateMessages, type TGenerateMessages } from "./messages";
import "./generate.css";

const FIELDS: VariantField[] = ["TITLE", "BULLETS", "DESCRIPTION", "SHORT"];
const STYLES: GenerationStyle[] = ["VIVID", "CONCISE", "TECHNICAL"];
// The API's `variants:generate` (packages/core/src/auth/roles.ts): the UI only avoids offering
// what would be refused.
const CAN_GENERATE = new Set(["ADMIN", "MERCHANDISER"]);

/** Preview one product in three styles side by side; start, follow and steer a batch. */
export function GenerateView() {
  const { locale } = useI18n();
  const m = generateMessages(locale);
  const user = useCurrentUser();
  if (!CAN_GENERATE.has(user.role)) return <p className="muted">{m.intro}</p>;
  return (
    <div className="generate-page">
      <div className="page-head">
        <h1>{m.title}</h1>
      </div>
      <p className="muted">{m.intro}</p>
      <PreviewCard m={m} />
      <BatchCard m={m} />
    </div>
  );
}

function PreviewCard({ m }: { m: TGenerateMessages }) {
  const [search, setSearch] = useState("");
  const [productId, setProductId] = useState<string | null>(null);
  const [field, setField] = useState<VariantField>("DESCRIPTION");
  const [audience, setAudience] = useState("");
  const [previews, setPreviews] = useState<GenerationPreviewFieldsFragment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const products = useGraphQLQuery(GenerateProductsDocument, { search: search.trim() || null, first: 8 });

  async function preview() {
    if (!productId) {
      setError(m.noProduct);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const results = await Promise.all(
        STYLES.map((style) =>
          graphqlRequest(GeneratePreviewDocument, { productId, field, style, audience: audience.trim() || null }),
        ),
      );
      setPreviews(results.map((r) => r.generatePreview));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card generate-card" aria-labelledby="preview-title">
      <h2 id="preview-title">{m.previewTitle}</h2>
      <div className="field-row">
        <label className="field grow">
          <span>{m.product}</span>
          <input
            type="search"
            value={search}
            placeholder={m.searchProducts}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="generate-product-search"
          />
        </label>
        <label className="field">
          <span>{m.field}</span>
          <select value={field} onChange={(e) => setField(e.target.value as VariantField)} data-testid="generate-field">
            {FIELDS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{m.audience}</span>
          <input
            value={audience}
            placeholder={m.audienceHint}
            onChange={(e) => setAudience(e.target.value)}
            data-testid="generate-audience"
          />
        </label>
        <button type="button" className="button primary" disabled={busy} onClick={() => void preview()}>
          {m.preview}
        </button>
      </div>
      <ul className="generate-products">
        {(products.data?.products.edges ?? []).map(({ node }) => (
          <li key={node.id}>
            <label>
              <input
                type="radio"
                name="generate-product"
                checked={productId === node.id}
                onChange={() => setProductId(node.id)}
              />{" "}
              <span className="mono small">{node.sku}</span> {node.title}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {previews.length > 0 && (
        <div className="generate-columns" data-testid="generate-previews">
          {previews.map((p) => (
            <PreviewColumn key={p.style} p={p} m={m} />
          ))}
        </div>
      )}
    </section>
  );
}

function PreviewColumn({ p, m }: { p: GenerationPreviewFieldsFragment; m: TGenerateMessages }) {
  const offered = p.status === "OFFERED";
  return (
    <article className="generate-column">
      <header className="generate-column-head">
        <strong>{p.style}</strong>
        <span className={`status-pill ${offered ? "verdict-pass" : "verdict-block"}`}>
          {offered ? m.offered : m.blocked}
        </span>
        <span className="muted small">
          {p.claims.length} {m.claims}
          {p.emphasis.length > 0 && ` · ${m.leadsWith} ${p.emphasis.join(", ")}`}
        </span>
      </header>
      <div className="generate-text">
        <ClaimText text={p.text} claims={p.claims} locale={p.locale} />
      </div>
      {p.reasons.length > 0 && (
        <>
          <h3 className="small">{m.reasons}</h3>
          <ul className="small">
            {p.reasons.map((r, i) => (
              <li key={i}>
                <code>{r.code}</code> {r.detail} {r.text && <q>{r.text}</q>}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.lint.findings.length > 0 && (
        <>
          <h3 className="small">{m.findings}</h3>
          <ul className="small">
            {p.lint.findings.map((f, i) => (
              <li key={i}>
                <span className="sev-badge">{f.severity}</span> {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{p.generatorVersion}</p>
    </article>
  );
}

function BatchCard({ m }: { m: TGenerateMessages }) {
  const [category, setCategory] = useState("");
  const [search, setSearch] = useState("");
  const [fields, setFields] = useState<Set<VariantField>>(new Set(["DESCRIPTION"]));
  const [styles, setStyles] = useState<Set<GenerationStyle>>(new Set(["VIVID"]));
  const [audiences, setAudiences] = useState("");
  const [rate, setRate] = useState(50);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useGraphQLQuery(
    GenerationRunDocument,
    { jobRunId: runId ?? "" },
    {
      skip: !runId,
      pollMs: 1_000,
      pollWhile: (d) => !!d.generationRun && jobsPollPace([d.generationRun.jobRun]),
    },
  );
  const current: GenerationRunFieldsFragment | null = run.data?.generationRun ?? null;

  const toggle = <T,>(set: Set<T>, value: T, update: (s: Set<T>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  };

  async function start() {
    if (!fields.size || !styles.size) {
      setError(m.noField);
      return;
    }
    setError(null);
    try {
      const r = await graphqlRequest(GenerateVariantsDocument, {
        filter: { category: category.trim() || null, search: search.trim() || null },
        fields: [...fields],
        styles: [...styles],
        audiences: audiences
          .split(/[,，、]/)
          .map((a) => a.trim())
          .filter(Boolean),
        ratePerSecond: rate,
      });
      setRunId(r.generateVariants.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function control(action: "pause" | "resume" | "cancel") {
    if (!runId) return;
    const jobRunId = runId;
    try {
      if (action === "pause") await graphqlRequest(PauseGenerationDocument, { jobRunId });
      else if (action === "resume") await graphqlRequest(ResumeGenerationDocument, { jobRunId });
      else await graphqlRequest(CancelGenerationDocument, { jobRunId });
      run.refetch();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const job = current?.jobRun;
  const running = !!job && isJobActive(job);
  return (
    <section className="card generate-card" aria-labelledby="batch-title">
      <h2 id="batch-title">{m.batchTitle}</h2>
      <div className="field-row">
        <label className="field">
          <span>{m.category}</span>
          <input value={category} onChange={(e) => setCategory(e.target.value)} data-testid="generate-batch-category" />
        </label>
        <label className="field grow">
          <span>{m.search}</span>
          <input value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field grow">
          <span>{m.audiences}</span>
          <input value={audiences} placeholder={m.audienceHint} onChange={(e) => setAudiences(e.target.value)} />
        </label>
        <label className="field">
          <span>{m.rate}</span>
          <input
            type="number"
            min={1}
            max={10000}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value) || 1)}
            data-testid="generate-batch-rate"
          />
        </label>
      </div>
      <div className="field-row generate-checks">
        <fieldset>
          <legend>{m.fields}</legend>
          {FIELDS.map((f) => (
            <label key={f}>
              <input type="checkbox" checked={fields.has(f)} onChange={() => toggle(fields, f, setFields)} /> {f}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{m.styles}</legend>
          {STYLES.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={styles.has(s)} onChange={() => toggle(styles, s, setStyles)} /> {s}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button primary" disabled={running} onClick={() => void start()}>
          {m.start}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {current && job && (
        <div className="generate-run" data-testid="generate-run" data-status={job.status}>
          <div className="job-run-bar">
            <progress max={1} value={job.progress} data-testid="generate-progress" />
            <span className="job-percent">{Math.round(job.progress * 100)}%</span>
          </div>
          <div className="job-run-meta">
            <span>
              <JobStatusBadge status={job.status} />{" "}
              <span data-testid="generate-counts">
                {formatNumber(job.processed)}/{formatNumber(job.total)} {m.progress} · {formatNumber(current.offered)}{" "}
                {m.offeredCount} · {formatNumber(current.blocked)} {m.blockedCount}
              </span>
              {current.blockedReasons.length > 0 &&
                ` (${current.blockedReasons.map((r) => `${r.code} ${r.count}`).join(", ")})`}
              {current.promptTokens + current.completionTokens > 0 &&
                ` · ${m.cost} $${current.costUsd.toFixed(4)} (${formatNumber(current.promptTokens + current.completionTokens)} ${m.tokens})`}
            </span>
            {running && (
              <span className="row-actions">
                {job.status === "PAUSED" ? (
                  <button type="button" className="button small" onClick={() => void control("resume")}>
                    {m.resume}
                  </button>
                ) : (
                  <button type="button" className="button small" onClick={() => void control("pause")}>
                    {m.pause}
                  </button>
                )}
                <button type="button" className="button small ghost" onClick={() => void control("cancel")}>
                  {m.cancel}
                </button>
              </span>
            )}
          </div>
          {job.error && <p className="job-error small">{job.error}</p>}
        </div>
      )}
    </section>
  );
}
