// Evaluation scripts measure the shipped models through the production code: the built package,
// resolved through its own exports map.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

export async function loadBuiltMl() {
  const require = createRequire(import.meta.url);
  try {
    return await import(pathToFileURL(require.resolve("@truecopy/ml")).href);
  } catch (error) {
    console.error(
      `@truecopy/ml is not built (${error.message}); run: pnpm --filter @truecopy/core build && pnpm --filter @truecopy/ml build`,
    );
    process.exit(1);
  }
}
