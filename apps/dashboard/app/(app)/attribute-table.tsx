"use client";

import { formatAttributeValue } from "../../lib/format";
import { useT } from "../../lib/i18n/i18n-provider";

function attributeEntries(attributes: unknown): [string, unknown][] {
  if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) return [];
  return Object.entries(attributes as Record<string, unknown>);
}

/** A product's attributes as a key/value table (the product page and the review item's evidence). */
export function AttributeTable({ attributes }: { attributes: unknown }) {
  const t = useT();
  const entries = attributeEntries(attributes);
  if (entries.length === 0) return <p className="muted">{t("product.noAttributes")}</p>;
  return (
    <table className="table compact kv">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{formatAttributeValue(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
