"use client";

import Link from "next/link";
import { formatDateTime, formatPrice } from "../../../lib/format";
import type { ProductRowFragment } from "../../../lib/graphql/generated/graphql";
import { useI18n } from "../../../lib/i18n/i18n-provider";
import { LanguageBadge } from "./language-badge";

export function ProductTable({ products }: { products: ProductRowFragment[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table products-table">
        <thead>
          <tr>
            <th scope="col">{t("products.col.sku")}</th>
            <th scope="col">{t("products.col.title")}</th>
            <th scope="col">{t("products.col.category")}</th>
            <th scope="col">{t("products.col.language")}</th>
            <th scope="col" className="num">
              {t("products.col.price")}
            </th>
            <th scope="col" className="num">
              {t("products.col.reviews")}
            </th>
            <th scope="col">{t("products.col.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id} data-testid="product-row" data-sku={product.sku}>
              <td className="mono nowrap">{product.sku}</td>
              <td className="title-cell">
                <Link href={`/products/${encodeURIComponent(product.id)}`} title={product.title}>
                  {product.title}
                </Link>
                <span className="muted small block">{product.merchant.name}</span>
              </td>
              <td>{product.category ?? "—"}</td>
              <td>
                {product.analysis !== null ? (
                  <LanguageBadge language={product.analysis.language} />
                ) : (
                  <span className="muted small">{t("products.pending")}</span>
                )}
              </td>
              <td className="num nowrap">{formatPrice(product.price, product.currency, locale)}</td>
              <td className="num">{product.reviewCount}</td>
              <td className="nowrap muted">{formatDateTime(product.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
