// The permission matrix (docs/permissions.md). Every resolver and CLI path asks `can` — never a role list
// of its own — so the matrix is the single place a permission changes.
export const ROLES = ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = {
  "catalog:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "catalog:import": ["ADMIN", "MERCHANDISER", "SERVICE"],
  "jobs:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "merchants:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "apikeys:manage": ["ADMIN"],
  "users:manage": ["ADMIN"],
  // Linting and findings.
  "lint:run": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "findings:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST", "SERVICE"],
  "findings:feedback": ["ADMIN", "MODERATOR"],
  "rulepacks:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST"],
  "rulepacks:edit": ["ADMIN"],
  // Review workflow: moderators decide on compliance, merchandisers decide what goes live.
  "review:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST"],
  "review:decide": ["ADMIN", "MODERATOR"],
  "variants:edit": ["ADMIN", "MODERATOR", "MERCHANDISER"],
  "variants:publish": ["ADMIN", "MERCHANDISER"],
  "variants:revert": ["ADMIN", "MODERATOR", "MERCHANDISER"],
  "variants:export": ["ADMIN", "MERCHANDISER", "ANALYST", "SERVICE"],
  // Writing candidate copy (previews and batches); merchandisers for their own merchant.
  "variants:generate": ["ADMIN", "MERCHANDISER"],
  "audit:read": ["ADMIN", "MODERATOR", "ANALYST"],
  "insights:read": ["ADMIN", "MODERATOR", "ANALYST"],
  "jobs:manage": ["ADMIN"],
  "webhooks:manage": ["ADMIN"],
  // Duplicate and reused copy: clusters are read by people (not shop keys), decided by moderators.
  "duplicates:read": ["ADMIN", "MODERATOR", "MERCHANDISER", "ANALYST"],
  "duplicates:decide": ["ADMIN", "MODERATOR"],
  // Serving and learning: shops (SERVICE keys) fetch variants and send events; audiences are managed.
  "variants:serve": ["ADMIN", "SERVICE"],
  "events:record": ["ADMIN", "SERVICE"],
  "segments:manage": ["ADMIN", "MERCHANDISER"],
  // Product images: add (URL or upload) and re-check; merchandisers for their own merchant.
  "images:manage": ["ADMIN", "MERCHANDISER"],
} as const satisfies Record<string, readonly TRole[]>;
export type TPermission = keyof typeof PERMISSIONS;

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

/** Roles whose reach is one merchant: their reads and writes are scoped to it. */
export const MERCHANT_BOUND_ROLES: readonly TRole[] = ["MERCHANDISER", "SERVICE"];
export const isMerchantBound = (role: TRole) => MERCHANT_BOUND_ROLES.includes(role);
