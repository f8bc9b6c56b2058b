// For benches that import the build output of workspace packages (not their sources).
import { existsSync } from "node:fs";

/** `--help` prints the usage; a missing build file stops the bench with what to build. */
export function requireBuilt(files, { usage, build }) {
  if (process.argv.includes("--help")) {
    console.log(usage);
    process.exit(0);
  }
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`missing ${file}: build first (${build})`);
      process.exit(1);
    }
  }
}

/** A numeric `--flag N` of the command line, or the default. */
export const numberArg = (flag, dflt) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
