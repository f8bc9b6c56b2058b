"use client";

import Link from "next/link";
import { useState } from "react";
import { errorMessage, graphqlRequest } from "../../../../lib/graphql-client";
import { ApplyQualityCorrectionsDocument } from "../../../../lib/graphql/generated/graphql";
import type { ProductQuery, QualityCode, VariantField } from "../../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../../lib/i18n/i18n-provider";
import { enumLabel } from "../../../../lib/i18n/translate";
import { can } from "../../../../lib/roles";
import { useCurrentUser } from "../../current-user";
import { useToast } from "../../toast";
import "../../analysis-views.css";

type TProduct = NonNullable<ProductQuery["product"]>;
type TQuality = TProduct["quality"];

const FIELDS: { field: VariantField; key: string }[] = [
  { field: "TITLE", key: "title" },
  { field: "DESCRIPTION", key: "description" },
];

function ScoreRing({ score, grade, label }: { score: number; grade: string; label: string }) {
  // A ring whose arc is the score (0–100); the grade sits in the middle. SVG attributes only (CSP).
  const r = 26;
  const circumference = 2 * Math.PI * r;
  const arc = (Math.max(0, Math.min(100, score)) / 100) * circumference;
  return (
    <svg className={`score-ring grade-${grade}`} viewBox="0 0 64 64" role="img" aria-label={label}>
      <circle className="score-ring-track" cx="32" cy="32" r={r} />
      <circle
        className="score-ring-arc"
        cx="32"
        cy="32"
        r={r}
        strokeDasharray={`${arc} ${circumference}`}
        transform="rotate(-90 32 32)"
      />
      <text x="32" y="38" textAnchor="middle" className="score-ring-grade">
        {grade}
      </text>
    </svg>
  );
}

/**
 * The live copy's quality: score and grade, the reasons it lost points (most costly first) and the
 * corrections on offer; applying some makes a new EDITED text that waits for review.
 */
export function QualityCard({ product, onChanged }: { product: TProduct; onChanged: () => void }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const toast = useToast();
  const quality: TQuality = product.quality;
  const mayEdit = can(user.role, "variants:edit");
  const [chosen, setChosen] = useState<Record<string, QualityCode[]>>(() => {
    // Safe, mechanical fixes are ticked to begin with.
    const initial: Record<string, QualityCode[]> = {};
    for (const c of quality.corrections)
      if (c.autofix && !(initial[c.field] ?? []).includes(c.code))
        initial[c.field] = [...(initial[c.field] ?? []), c.code];
    return initial;
  });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  async function apply(field: VariantField, key: string) {
    setBusy(true);
    try {
      const result = await graphqlRequest(ApplyQualityCorrectionsDocument, {
        productId: product.id,
        field,
        codes: chosen[key] ?? [],
      });
      setCreated(result.applyQualityCorrections.id);
      toast({ message: t("quality.applied") });
      onChanged();
    } catch (error) {
      toast({ message: errorMessage(error), tone: "error" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      className="card quality-card"
      data-testid="quality"
      data-grade={quality.grade}
      aria-labelledby="quality-title"
    >
      <h2 id="quality-title">{t("quality.title")}</h2>
      <div className="quality-head">
        <ScoreRing
          score={quality.score}
          grade={quality.grade}
          label={t("quality.scoreLabel", { score: Math.round(quality.score), grade: quality.grade })}
        />
        <div>
          <p className="quality-score" data-testid="quality-score">
            {Math.round(quality.score)}
            <span className="muted small"> / 100</span>
          </p>
          <p className="muted small">
            {t("quality.metrics", {
              title: quality.metrics.titleLength,
              description: quality.metrics.descriptionLength,
              coverage:
                quality.metrics.attributeCoverage === null
                  ? "—"
                  : `${Math.round(quality.metrics.attributeCoverage * 100)}%`,
            })}
          </p>
        </div>
      </div>
      {quality.reasons.length === 0 ? (
        <p className="muted small">{t("quality.noReasons")}</p>
      ) : (
        <ul className="quality-reasons">
          {quality.reasons.map((reason, index) => (
            <li key={`${reason.code}-${reason.field}-${index}`} data-testid="quality-reason" data-code={reason.code}>
              <span className="penalty" aria-label={t("quality.penalty", { points: reason.penalty.toFixed(1) })}>
                −{reason.penalty.toFixed(1)}
              </span>
              <span>
                <strong className="small">{enumLabel(t, "quality.code", reason.code)}</strong>{" "}
                <span className="muted small">· {enumLabel(t, "quality.field", reason.field)}</span>
                <span className="block small">{reason.message}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {FIELDS.map(({ field, key }) => {
        const corrections = quality.corrections.filter((c) => c.field === key);
        if (corrections.length === 0) return null;
        const codes = [...new Set(corrections.map((c) => c.code))];
        return (
          <fieldset key={key} className="quality-fix" data-testid="quality-corrections" data-field={field}>
            <legend>{t("quality.fixField", { field: enumLabel(t, "quality.field", key) })}</legend>
            <ul>
              {codes.map((code) => {
                const examples = corrections.filter((c) => c.code === code);
                const first = examples[0];
                return (
                  <li key={code}>
                    <label className="checkbox small">
                      <input
                        type="checkbox"
                        data-testid="quality-code"
                        value={code}
                        disabled={!mayEdit || busy}
                        checked={(chosen[key] ?? []).includes(code)}
                        onChange={(event) =>
                          setChosen((current) => ({
                            ...current,
                            [key]: event.target.checked
                              ? [...(current[key] ?? []), code]
                              : (current[key] ?? []).filter((c) => c !== code),
                          }))
                        }
                      />{" "}
                      {enumLabel(t, "quality.code", code)}
                      {examples.length > 1 ? ` ×${examples.length}` : ""}
                    </label>
                    {first !== undefined && (
                      <span className="fix-example small">
                        <del>{first.original === "" ? "∅" : first.original}</del> →{" "}
                        <ins>{first.replacement === "" ? t("quality.deleted") : first.replacement}</ins>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {mayEdit && (
              <button
                type="button"
                className="button small"
                data-testid="apply-corrections"
                disabled={busy || (chosen[key] ?? []).length === 0}
                onClick={() => void apply(field, key)}
              >
                {t("quality.apply")}
              </button>
            )}
          </fieldset>
        );
      })}
      {created !== null && (
        <p className="small" data-testid="quality-created">
          {t("quality.createdNote")}{" "}
          <Link href={`/review/${encodeURIComponent(created)}`}>{t("quality.openReview")}</Link>
        </p>
      )}
    </section>
  );
}

export function ProductDuplicates({ product }: { product: TProduct }) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="product-duplicates">
      <h2>{t("duplicates.ofProduct")}</h2>
      {product.duplicates.length === 0 ? (
        <p className="muted small">{t("duplicates.ofProductNone")}</p>
      ) : (
        <ul className="plain-list">
          {product.duplicates.map((cluster) => (
            <li key={cluster.id}>
              <Link href={`/duplicates/${encodeURIComponent(cluster.id)}`} data-testid="product-duplicate-link">
                {t("duplicates.ofProductRow", {
                  kind: enumLabel(t, "duplicates.kind", cluster.kind),
                  count: cluster.memberCount,
                  score: cluster.score.toFixed(2),
                })}
              </Link>{" "}
              <span className={`chip small ${cluster.status === "OPEN" ? "warn-chip" : ""}`}>
                {enumLabel(t, "duplicates.status", cluster.status)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
