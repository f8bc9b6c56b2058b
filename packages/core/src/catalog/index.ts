export * from "./product-row.schema.js";
export * from "./validate.js";
export * from "./csv.js";
