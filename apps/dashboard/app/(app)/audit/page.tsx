import { Suspense } from "react";
import { pageTitle } from "../../../lib/i18n/page-title";
import { AuditView } from "./audit-view";

export const generateMetadata = pageTitle("audit.title");

export default function AuditPage() {
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
