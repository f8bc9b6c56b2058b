"use client";

import Link from "next/link";
import { formatAttributeValue, formatDateTime, formatPrice } from "../../../../lib/format";
import { ProductDocument } from "../../../../lib/graphql/generated/graphql";
import type { ProductQuery } from "../../../../lib/graphql/generated/graphql";
import { useI18n, useT } from "../../../../lib/i18n/i18n-provider";
import type { TMessageKey } from "../../../../lib/i18n/messages";
import { useGraphQLQuery } from "../../../../lib/use-graphql-query";
import { can } from "../../../../lib/roles";
import { AttributeTable } from "../../attribute-table";
import { useCurrentUser } from "../../current-user";
import { isNotFoundError, LoadErrorCard, LoadingLine } from "../../load-states";
import { ProductImages } from "../../product-images";
import { LanguageBadge } from "../language-badge";
import { CopyCheck } from "./copy-check";
import { ReviewAspects } from "./review-aspects";
import { ProductDuplicates, QualityCard } from "./quality-card";

type TProductDetail = NonNullable<ProductQuery["product"]>;

const FACT_STATUSES = new Set(["agree", "contradict", "only_in_text", "only_in_attributes"]);

function factLabel(status: string): TMessageKey | null {
  return FACT_STATUSES.has(status) ? (`product.fact.${status}` as TMessageKey) : null;
}

// While the analyze job has not reached this product, look again now and then.
const PENDING_ANALYSIS_POLL_MS = 2000;

// Merchant-supplied URLs become links only when they are plain web addresses.
function webUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function Stars({ rating }: { rating: number | null }) {
  const t = useT();
  if (rating === null) return null;
  const clamped = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span className="stars" role="img" aria-label={t("product.stars", { count: clamped })}>
      {"★".repeat(clamped)}
      <span className="stars-off">{"★".repeat(5 - clamped)}</span>
    </span>
  );
}

function ProductBody({ product, onChanged }: { product: TProductDetail; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  return (
    <article className="product-detail">
      <nav className="breadcrumb" aria-label={t("product.breadcrumb")}>
        <Link href="/products">{t("nav.products")}</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{product.sku}</span>
      </nav>
      <header className="product-head">
        <h1 data-testid="product-title">{product.title}</h1>
        <dl className="facts">
          <div>
            <dt>{t("product.sku")}</dt>
            <dd className="mono" data-testid="product-sku">
              {product.sku}
            </dd>
          </div>
          <div>
            <dt>{t("product.merchant")}</dt>
            <dd>{product.merchant.name}</dd>
          </div>
          <div>
            <dt>{t("product.category")}</dt>
            <dd>{product.category ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("product.price")}</dt>
            <dd>{formatPrice(product.price, product.currency, locale)}</dd>
          </div>
          <div>
            <dt>{t("product.locale")}</dt>
            <dd>{product.locale ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("product.updated")}</dt>
            <dd>{formatDateTime(product.updatedAt, locale)}</dd>
          </div>
        </dl>
      </header>

      <div className="detail-grid">
        <div className="detail-main">
          <section className="card">
            <h2>{t("product.description")}</h2>
            {product.description.trim() === "" ? (
              <p className="muted">{t("product.noDescription")}</p>
            ) : (
              <p className="description" data-testid="product-description">
                {product.description}
              </p>
            )}
          </section>

          <CopyCheck variants={product.variants} onChanged={onChanged} />

          <section className="card">
            <h2>{t("product.attributes")}</h2>
            <AttributeTable attributes={product.attributes} />
          </section>

          {product.analysis !== null && product.analysis.facts.length > 0 && (
            <section className="card" data-testid="copy-facts">
              <h2>{t("product.copyFacts")}</h2>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("product.fact")}</th>
                    <th scope="col">{t("product.inCopy")}</th>
                    <th scope="col">{t("product.inAttributes")}</th>
                    <th scope="col">{t("product.check")}</th>
                  </tr>
                </thead>
                <tbody>
                  {product.analysis.facts.map((fact, index) => (
                    <tr key={`${fact.key}-${index}`} className={`fact-${fact.status}`} data-testid="copy-fact">
                      <td className="mono small">{fact.key}</td>
                      <td>
                        {fact.value ?? "—"}
                        {fact.field !== null && <span className="muted small"> · {fact.field}</span>}
                      </td>
                      <td>
                        {fact.attributeName === null
                          ? "—"
                          : `${fact.attributeName}: ${formatAttributeValue(fact.attributeValue)}`}
                      </td>
                      <td>
                        <span className={`fact-badge fact-badge-${fact.status}`}>
                          {factLabel(fact.status) === null ? fact.status : t(factLabel(fact.status) ?? "common.none")}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          {product.analysis !== null && <ReviewAspects aspects={product.analysis.aspects} />}

          <section className="card">
            <h2>
              {t("product.reviews")} <span className="muted">({product.reviewCount})</span>
            </h2>
            {product.analysis?.reviewSentiment && product.analysis.reviewSentiment.total > 0 && (
              <p className="small" data-testid="review-sentiment">
                {t("product.sentiment", {
                  positive: Math.round(
                    (100 * product.analysis.reviewSentiment.positive) / product.analysis.reviewSentiment.total,
                  ),
                  negative: product.analysis.reviewSentiment.negative,
                  neutral: product.analysis.reviewSentiment.neutral,
                  total: product.analysis.reviewSentiment.total,
                })}
              </p>
            )}
            {product.reviews.length === 0 ? (
              <p className="muted">{t("product.noReviews")}</p>
            ) : (
              <ul className="reviews">
                {product.reviews.map((review) => (
                  <li key={review.id} className="review">
                    <div className="review-head">
                      <Stars rating={review.rating} />
                      <span className="muted small">
                        {review.author ?? t("product.anonymous")} · {formatDateTime(review.createdAt, locale)}
                      </span>
                    </div>
                    <p>{review.text}</p>
                  </li>
                ))}
              </ul>
            )}
            {product.reviewCount > product.reviews.length && (
              <p className="muted small">{t("product.latestReviews", { count: product.reviews.length })}</p>
            )}
          </section>
        </div>

        <aside className="detail-side">
          <section className="card" data-testid="product-analysis">
            <h2>{t("product.analysis")}</h2>
            {product.analysis === null ? (
              <p className="muted">{t("product.analysisPending")}</p>
            ) : (
              <dl className="facts stacked">
                <div>
                  <dt>{t("product.language")}</dt>
                  <dd>
                    <LanguageBadge language={product.analysis.language} />
                  </dd>
                </div>
                {product.analysis.keyphrases.length > 0 && (
                  <div>
                    <dt>{t("product.keyphrases")}</dt>
                    <dd className="chips" data-testid="keyphrases">
                      {product.analysis.keyphrases.map((phrase) => (
                        <span key={phrase} className="chip">
                          {phrase}
                        </span>
                      ))}
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t("product.embeddingModel")}</dt>
                  <dd className="mono">{product.analysis.embeddingModel ?? "—"}</dd>
                </div>
                <div>
                  <dt>{t("product.sourceVersion")}</dt>
                  <dd>{product.analysis.sourceVersion}</dd>
                </div>
                <div>
                  <dt>{t("product.analysed")}</dt>
                  <dd>{formatDateTime(product.analysis.createdAt, locale)}</dd>
                </div>
              </dl>
            )}
          </section>

          <QualityCard
            key={`${product.quality.titleVariantId}-${product.quality.descriptionVariantId}`}
            product={product}
            onChanged={onChanged}
          />

          <ProductDuplicates product={product} />

          <section className="card">
            <h2>{t("product.similar")}</h2>
            {product.similar.length === 0 ? (
              <p className="muted">
                {product.analysis === null ? t("product.similarPending") : t("product.noSimilar")}
              </p>
            ) : (
              <ol className="similar-list">
                {product.similar.map((entry) => (
                  <li key={entry.product.id} data-testid="similar-product">
                    <Link href={`/products/${encodeURIComponent(entry.product.id)}`}>
                      <span className="similar-title">{entry.product.title}</span>
                      <span className="muted small block">
                        <span className="mono">{entry.product.sku}</span>
                        {entry.product.category !== null ? ` · ${entry.product.category}` : ""} ·{" "}
                        {entry.product.merchant.name}
                      </span>
                    </Link>
                    <span className="score" title={t("product.cosine")}>
                      {entry.score.toFixed(3)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" data-testid="product-images-card">
            <h2>{t("product.images")}</h2>
            <ProductImages
              productId={product.id}
              images={product.productImages}
              title={product.title}
              canUpload={can(user.role, "images:manage")}
              onChanged={onChanged}
            />
            {product.images.some((image) => webUrl(image) !== null) && (
              <ul className="image-list" data-testid="product-images">
                {product.images.map((image, index) => {
                  const href = webUrl(image);
                  return href === null ? null : (
                    <li key={`${index}-${image}`} className="mono small">
                      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                        {image}
                      </a>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

export function ProductDetail({ id }: { id: string }) {
  const t = useT();
  const query = useGraphQLQuery(
    ProductDocument,
    { id },
    {
      pollMs: PENDING_ANALYSIS_POLL_MS,
      // Until the analysis and the image checks have reached this product.
      pollWhile: (data) =>
        data.product !== null &&
        (data.product.analysis === null || data.product.productImages.some((image) => image.status === "PENDING")),
    },
  );

  if (query.data?.product === null || isNotFoundError(query.error)) {
    return (
      <div className="card">
        <h1>{t("product.notFound")}</h1>
        <p className="muted">{t("product.notFoundBody")}</p>
        <Link href="/products">{t("product.back")}</Link>
      </div>
    );
  }
  if (query.data?.product == null) {
    if (query.error !== undefined)
      return <LoadErrorCard error={query.error} onRetry={query.refetch} title={t("product.loadError")} />;
    return <LoadingLine />;
  }
  return <ProductBody product={query.data.product} onChanged={query.refetch} />;
}
