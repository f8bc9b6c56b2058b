import Link from "next/link";
import { formatDateTime, formatPrice, languageName } from "../../../lib/format";
import type { TProductRow } from "./products.graphql";

export function ProductTable({ products }: { products: TProductRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table products-table">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Title</th>
            <th scope="col">Category</th>
            <th scope="col">Language</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Reviews
            </th>
            <th scope="col">Updated</th>
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
                  <span className={`lang-badge lang-${product.analysis.language}`}>
                    {languageName(product.analysis.language)}
                  </span>
                ) : (
                  <span className="muted small">pending</span>
                )}
              </td>
              <td className="num nowrap">{formatPrice(product.price, product.currency)}</td>
              <td className="num">{product.reviewCount}</td>
              <td className="nowrap muted">{formatDateTime(product.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
