import type { TRole } from "./graphql/generated/graphql";

// The permissions the dashboard shows or hides things by, copied from the API's matrix
// (packages/core/src/auth/roles.ts; roles.test.ts fails when they drift apart). The UI only avoids
// offering what would be refused: the API is the one that enforces it.
export const UI_PERMISSIONS = {
  "catalog:import": ["ADMIN", "MERCHANDISER", "SERVICE"],
  "jobs:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "jobs:manage": ["ADMIN"],
  "findings:feedback": ["ADMIN", "MODERATOR"],
  "review:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST"],
  "review:decide": ["ADMIN", "MODERATOR"],
  "variants:edit": ["ADMIN", "MODERATOR", "MERCHANDISER"],
  "variants:publish": ["ADMIN", "MERCHANDISER"],
  "variants:revert": ["ADMIN", "MODERATOR", "MERCHANDISER"],
  "audit:read": ["ADMIN", "MODERATOR", "ANALYST"],
  "insights:read": ["ADMIN", "MODERATOR", "ANALYST"],
  "rulepacks:edit": ["ADMIN"],
  "variants:generate": ["ADMIN", "MERCHANDISER"],
  "duplicates:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST"],
  "duplicates:decide": ["ADMIN", "MODERATOR"],
  "images:manage": ["ADMIN", "MERCHANDISER"],
} as const satisfies Record<string, readonly TRole[]>;
export type TUiPermission = keyof typeof UI_PERMISSIONS;

export function can(role: TRole, permission: TUiPermission): boolean {
  return (UI_PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

export function canImport(role: TRole): boolean {
  return can(role, "catalog:import");
}
