import type { TRole } from "./graphql-types";

// Mirrors the API's `catalog:import` permission so the UI does not offer what would be refused; the
// API stays the one that enforces it.
const IMPORT_ROLES: ReadonlySet<TRole> = new Set(["ADMIN", "MERCHANDISER", "SERVICE"]);

export function canImport(role: TRole): boolean {
  return IMPORT_ROLES.has(role);
}
