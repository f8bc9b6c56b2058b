import { pageTitle } from "../../../lib/i18n/page-title";
import { ExperimentsView } from "./experiments-view";

export const generateMetadata = pageTitle("experiments.title");

export default function ExperimentsPage() {
  return <ExperimentsView />;
}
