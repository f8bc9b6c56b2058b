import { pageTitle } from "../../../../lib/i18n/page-title";
import { ClusterView } from "./cluster-view";

export const generateMetadata = pageTitle("duplicates.title");

export default async function ClusterPage(props: PageProps<"/duplicates/[id]">) {
  const { id } = await props.params;
  return <ClusterView key={id} id={id} />;
}
