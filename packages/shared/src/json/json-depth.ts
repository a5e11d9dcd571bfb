/**
 * How deep any JSON body of this project's APIs may nest arrays and objects. Every body Twitch or the EBS
 * takes is one or two levels deep; a few thousand levels is enough to overflow the stack of anything that
 * walks a parsed value recursively (`String(array)`, `JSON.stringify`, `structuredClone`).
 */
export const JSON_NESTING_MAX = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * True when the JSON text nests arrays and objects more than `maxDepth` levels deep (`[]` and `{}` are one
 * level, `1` none). One pass over the text, brackets inside strings skipped, no recursion and no parse, so
 * it can run before `JSON.parse` on any body. Text too short to nest that deep is not scanned at all: every
 * level takes two characters. Text that is not JSON may pass; parsing it then fails.
 *
 * Takes the raw bytes too: in UTF-8 the bytes of `"`, `\`, brackets and braces never occur inside another
 * character.
 */
export function jsonNestsDeeperThan(text: string | Uint8Array, maxDepth: number): boolean {
  if (text.length < 2 * (maxDepth + 1)) return false;
  const codeAt: (i: number) => number =
    typeof text === "string" ? (i) => text.charCodeAt(i) : (i) => text[i] as number;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = codeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}
