import { pageTitle } from "../../../lib/i18n/page-title";
import { InsightsView } from "./insights-view";

export const generateMetadata = pageTitle("insights.title");

export default function InsightsPage() {
  return <InsightsView />;
}
