import { pageTitle } from "../../../lib/i18n/page-title";
import { JobsView } from "./jobs-view";

export const generateMetadata = pageTitle("nav.jobs");

export default function JobsPage() {
  return <JobsView />;
}
