export * from "./review-policy.js";
export * from "./reject-reasons.js";
export * from "./variant-state-machine.js";
export * from "./token-diff.js";
export * from "./webhook-signature.js";
export * from "./webhook-url.js";
export * from "./export-format.js";
