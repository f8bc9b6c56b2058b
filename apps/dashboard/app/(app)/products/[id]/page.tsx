import type { Metadata } from "next";
import { ProductDetail } from "./product-detail";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage(props: PageProps<"/products/[id]">) {
  const { id } = await props.params;
  // Keyed so moving to a similar product starts from a clean state instead of showing the old one.
  return <ProductDetail key={id} id={id} />;
}
