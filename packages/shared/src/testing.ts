/** Test helpers shared by every package's tests: forged tokens and the catalogue of classic mistakes. */
export * from "./testing/bad-tokens.ts";
export * from "./testing/chat-mistakes.ts";
export * from "./testing/forge.ts";
