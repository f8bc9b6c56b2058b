import { pageTitle } from "../../../../lib/i18n/page-title";
import { ExperimentView } from "./experiment-view";

export const generateMetadata = pageTitle("experiments.title");

export default async function ExperimentPage(props: PageProps<"/experiments/[productId]">) {
  const { productId } = await props.params;
  return <ExperimentView key={productId} productId={productId} />;
}
