"use client";

import Link from "next/link";
import { formatAttributeValue, formatDateTime, formatPrice, languageName } from "../../../../lib/format";
import { errorMessage, GraphQLRequestError } from "../../../../lib/graphql-client";
import { useGraphQLQuery } from "../../../../lib/use-graphql-query";
import { ProductQuery } from "./product.graphql";
import type { TCopyFact, TProductDetail } from "./product.graphql";

const FACT_LABELS: Record<TCopyFact["status"], string> = {
  agree: "agrees",
  contradict: "contradicts",
  only_in_text: "not in attributes",
  only_in_attributes: "not in the copy",
};

// While the analyze job has not reached this product, look again now and then.
const PENDING_ANALYSIS_POLL_MS = 2000;

function attributeEntries(attributes: unknown): [string, unknown][] {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) return [];
  return Object.entries(attributes as Record<string, unknown>);
}

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
  if (rating === null) return null;
  const clamped = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span className="stars" aria-label={`${clamped} of 5 stars`}>
      {"★".repeat(clamped)}
      <span className="stars-off">{"★".repeat(5 - clamped)}</span>
    </span>
  );
}

function ProductBody({ product }: { product: TProductDetail }) {
  const attributes = attributeEntries(product.attributes);
  return (
    <article className="product-detail">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/products">Products</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{product.sku}</span>
      </nav>
      <header className="product-head">
        <h1 data-testid="product-title">{product.title}</h1>
        <dl className="facts">
          <div>
            <dt>SKU</dt>
            <dd className="mono" data-testid="product-sku">
              {product.sku}
            </dd>
          </div>
          <div>
            <dt>Merchant</dt>
            <dd>{product.merchant.name}</dd>
          </div>
          <div>
            <dt>Category</dt>
            <dd>{product.category ?? "—"}</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd>{formatPrice(product.price, product.currency)}</dd>
          </div>
          <div>
            <dt>Locale</dt>
            <dd>{product.locale ?? "—"}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>{formatDateTime(product.updatedAt)}</dd>
          </div>
        </dl>
      </header>

      <div className="detail-grid">
        <div className="detail-main">
          <section className="card">
            <h2>Description</h2>
            {product.description.trim() === "" ? (
              <p className="muted">No description.</p>
            ) : (
              <p className="description" data-testid="product-description">
                {product.description}
              </p>
            )}
          </section>

          <section className="card">
            <h2>Attributes</h2>
            {attributes.length === 0 ? (
              <p className="muted">No attributes.</p>
            ) : (
              <table className="table compact kv">
                <tbody>
                  {attributes.map(([key, value]) => (
                    <tr key={key}>
                      <th scope="row">{key}</th>
                      <td>{formatAttributeValue(value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {product.analysis !== null && product.analysis.facts.length > 0 && (
            <section className="card" data-testid="copy-facts">
              <h2>What the copy says</h2>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Fact</th>
                    <th scope="col">In the copy</th>
                    <th scope="col">In the attributes</th>
                    <th scope="col">Check</th>
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
                        <span className={`fact-badge fact-badge-${fact.status}`}>{FACT_LABELS[fact.status]}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <section className="card">
            <h2>
              Reviews <span className="muted">({product.reviewCount})</span>
            </h2>
            {product.analysis?.reviewSentiment && product.analysis.reviewSentiment.total > 0 && (
              <p className="small" data-testid="review-sentiment">
                {Math.round((100 * product.analysis.reviewSentiment.positive) / product.analysis.reviewSentiment.total)}
                % positive, {product.analysis.reviewSentiment.negative} negative,{" "}
                {product.analysis.reviewSentiment.neutral} unsure of {product.analysis.reviewSentiment.total} reviews
                analysed
              </p>
            )}
            {product.reviews.length === 0 ? (
              <p className="muted">No reviews.</p>
            ) : (
              <ul className="reviews">
                {product.reviews.map((review) => (
                  <li key={review.id} className="review">
                    <div className="review-head">
                      <Stars rating={review.rating} />
                      <span className="muted small">
                        {review.author ?? "Anonymous"} · {formatDateTime(review.createdAt)}
                      </span>
                    </div>
                    <p>{review.text}</p>
                  </li>
                ))}
              </ul>
            )}
            {product.reviewCount > product.reviews.length && (
              <p className="muted small">Showing the latest {product.reviews.length}.</p>
            )}
          </section>
        </div>

        <aside className="detail-side">
          <section className="card" data-testid="product-analysis">
            <h2>Analysis</h2>
            {product.analysis === null ? (
              <p className="muted">Analysis pending…</p>
            ) : (
              <dl className="facts stacked">
                <div>
                  <dt>Language</dt>
                  <dd>
                    <span className={`lang-badge lang-${product.analysis.language}`}>
                      {languageName(product.analysis.language)}
                    </span>
                  </dd>
                </div>
                {product.analysis.keyphrases.length > 0 && (
                  <div>
                    <dt>Keyphrases</dt>
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
                  <dt>Embedding model</dt>
                  <dd className="mono">{product.analysis.embeddingModel ?? "—"}</dd>
                </div>
                <div>
                  <dt>Source version</dt>
                  <dd>{product.analysis.sourceVersion}</dd>
                </div>
                <div>
                  <dt>Analysed</dt>
                  <dd>{formatDateTime(product.analysis.createdAt)}</dd>
                </div>
              </dl>
            )}
          </section>

          <section className="card">
            <h2>Similar products</h2>
            {product.similar.length === 0 ? (
              <p className="muted">
                {product.analysis === null ? "Available once the analysis has run." : "No similar products found."}
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
                    <span className="score" title="Cosine similarity">
                      {entry.score.toFixed(3)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card">
            <h2>Images</h2>
            {product.images.length === 0 ? (
              <p className="muted">No images.</p>
            ) : (
              <ul className="image-list" data-testid="product-images">
                {product.images.map((image, index) => {
                  const href = webUrl(image);
                  return (
                    <li key={`${index}-${image}`} className="mono small">
                      {href !== null ? (
                        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                          {image}
                        </a>
                      ) : (
                        image
                      )}
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
  const query = useGraphQLQuery(
    ProductQuery,
    { id },
    { pollMs: PENDING_ANALYSIS_POLL_MS, pollWhile: (data) => data.product !== null && data.product.analysis === null },
  );

  const missing =
    query.data?.product === null ||
    (query.error instanceof GraphQLRequestError && ["NOT_FOUND", "BAD_USER_INPUT"].includes(query.error.code));
  if (missing) {
    return (
      <div className="card">
        <h1>Product not found</h1>
        <p className="muted">It may have been removed, or it belongs to another merchant.</p>
        <Link href="/products">Back to products</Link>
      </div>
    );
  }
  if (query.data?.product == null) {
    if (query.error !== undefined) {
      return (
        <div className="card error-card" role="alert">
          <h2>Cannot load this product</h2>
          <p>{errorMessage(query.error)}</p>
          <button type="button" className="button" onClick={query.refetch}>
            Retry
          </button>
        </div>
      );
    }
    return <p className="muted loading-line">Loading…</p>;
  }
  return <ProductBody product={query.data.product} />;
}
