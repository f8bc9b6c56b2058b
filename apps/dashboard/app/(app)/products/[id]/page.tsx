import { pageTitle } from "../../../../lib/i18n/page-title";
import { ProductDetail } from "./product-detail";

export const generateMetadata = pageTitle("product.title");

export default async function ProductPage(props: PageProps<"/products/[id]">) {
  const { id } = await props.params;
  // Keyed so moving to a similar product starts from a clean state instead of showing the old one.
  return <ProductDetail key={id} id={id} />;
}
