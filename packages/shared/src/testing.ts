/** Test helpers shared by every package's tests: forged tokens and the catalogue of classic mistakes. */
export {
  type BadReceiptCase,
  badBitsReceipts,
} from "./testing/bad-receipts.ts";
export {
  type BadTokenCase,
  badViewerTokens,
} from "./testing/bad-tokens.ts";
export {
  type ChatMistake,
  classicChatMistakes,
  correctChatCall,
  type MistakeFixture,
} from "./testing/chat-mistakes.ts";
export { forgeJwt } from "./testing/forge.ts";
