import type { Metadata } from "next";
import { GenerateView } from "./generate-view";

export const metadata: Metadata = { title: "Generate · truecopy" };

export default function GeneratePage() {
  return <GenerateView />;
}
