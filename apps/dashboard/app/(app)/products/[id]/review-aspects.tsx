"use client";

import { useId } from "react";
import type { ProductQuery } from "../../../../lib/graphql/generated/graphql";
import { useT } from "../../../../lib/i18n/i18n-provider";
import "../../analysis-views.css";

type TAspect = NonNullable<NonNullable<ProductQuery["product"]>["analysis"]>["aspects"][number];

// What the reviews say per aspect (续航, fit, shipping …): a bar split into positive, unsure and
// negative mentions, the share and count in words, and up to three quotes behind a disclosure.
// Drawn in SVG (attributes, not style) so it holds under the CSP however it is rendered.

const percent = (share: number) => Math.round(share * 100);

function SentimentBar({ aspect, label }: { aspect: TAspect; label: string }) {
  const total = Math.max(1, aspect.positive + aspect.neutral + aspect.negative);
  const positive = (100 * aspect.positive) / total;
  const neutral = (100 * aspect.neutral) / total;
  return (
    <svg className="aspect-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={label}>
      <rect className="aspect-bar-negative" x="0" y="0" width="100" height="8" />
      <rect className="aspect-bar-neutral" x="0" y="0" width={positive + neutral} height="8" />
      <rect className="aspect-bar-positive" x="0" y="0" width={positive} height="8" />
    </svg>
  );
}

function AspectRow({ aspect }: { aspect: TAspect }) {
  const t = useT();
  const quotesId = useId();
  const shareText = t("product.aspectShare", { percent: percent(aspect.share), count: aspect.mentions });
  const barText = t("product.aspectBar", {
    positive: aspect.positive,
    neutral: aspect.neutral,
    negative: aspect.negative,
  });
  return (
    <li className="aspect" data-testid="review-aspect" data-aspect={aspect.aspect}>
      <div className="aspect-head">
        <span className="aspect-label">{aspect.label}</span>
        <SentimentBar aspect={aspect} label={barText} />
        <span className="aspect-share small">{shareText}</span>
      </div>
      {aspect.quotes.length > 0 && (
        <details className="aspect-quotes">
          <summary className="small" aria-describedby={quotesId}>
            {t("product.aspectQuotes", { count: aspect.quotes.length })}
          </summary>
          <p id={quotesId} className="muted small aspect-summary">
            {aspect.summary}
          </p>
          <ul>
            {aspect.quotes.map((quote) => (
              <li
                key={`${quote.reviewId}-${quote.text}`}
                className={`aspect-quote quote-${quote.polarity}`}
                data-testid="aspect-quote"
                data-polarity={quote.polarity}
              >
                <span className="quote-mark" aria-hidden="true">
                  {quote.polarity === "positive" ? "+" : "−"}
                </span>
                <span className="visually-hidden">
                  {quote.polarity === "positive" ? t("product.quotePositive") : t("product.quoteNegative")}:{" "}
                </span>
                <q>{quote.text}</q>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

export function ReviewAspects({ aspects }: { aspects: readonly TAspect[] }) {
  const t = useT();
  if (aspects.length === 0) return null;
  return (
    <section className="card" data-testid="review-aspects" aria-labelledby="review-aspects-title">
      <h2 id="review-aspects-title">{t("product.aspects")}</h2>
      <p className="muted small">{t("product.aspectsHint")}</p>
      <ul className="aspect-list">
        {aspects.map((aspect) => (
          <AspectRow key={aspect.aspect} aspect={aspect} />
        ))}
      </ul>
      <p className="aspect-legend small muted" aria-hidden="true">
        <span className="legend-swatch aspect-bar-positive-swatch" /> {t("product.quotePositive")}{" "}
        <span className="legend-swatch aspect-bar-neutral-swatch" /> {t("product.aspectNeutral")}{" "}
        <span className="legend-swatch aspect-bar-negative-swatch" /> {t("product.quoteNegative")}
      </p>
    </section>
  );
}
