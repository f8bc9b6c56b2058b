import { pageTitle } from "../../../lib/i18n/page-title";
import { DuplicatesView } from "./duplicates-view";

export const generateMetadata = pageTitle("duplicates.title");

export default function DuplicatesPage() {
  return <DuplicatesView />;
}
