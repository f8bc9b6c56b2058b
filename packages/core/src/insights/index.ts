export * from "./copy-facts.js";
