import { Suspense } from "react";
import { pageTitle } from "../../../../lib/i18n/page-title";
import { ReviewItemView } from "./review-item-view";

export const generateMetadata = pageTitle("review.itemTitle");

export default async function ReviewItemPage(props: PageProps<"/review/[id]">) {
  const { id } = await props.params;
  // Keyed so moving to another item (an applied suggestion, the history) starts clean.
  return (
    <Suspense>
      <ReviewItemView key={id} id={id} />
    </Suspense>
  );
}
