import { Suspense } from "react";
import { pageTitle } from "../../../lib/i18n/page-title";
import { ReviewQueueView } from "./review-queue-view";

export const generateMetadata = pageTitle("review.title");

export default function ReviewPage() {
  return (
    <Suspense>
      <ReviewQueueView />
    </Suspense>
  );
}
