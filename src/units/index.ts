export * from "./format.js";
export * from "./quantity.js";
export * from "./traced.js";
