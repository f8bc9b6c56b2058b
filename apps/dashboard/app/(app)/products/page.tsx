import { Suspense } from "react";
import { pageTitle } from "../../../lib/i18n/page-title";
import { ProductsView } from "./products-view";

export const generateMetadata = pageTitle("products.title");

export default function ProductsPage() {
  return (
    <Suspense>
      <ProductsView />
    </Suspense>
  );
}
