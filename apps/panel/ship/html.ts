/** One start tag of an HTML file, with its attributes (names lower-cased). */
export interface HtmlTag {
  name: string;
  attributes: Record<string, string>;
  /** For `<script>`: the text between the start and end tags. */
  body?: string;
}

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? "").toLowerCase();
    attributes[name] = match[2] ?? match[3] ?? match[4] ?? "";
  }
  return attributes;
}

/** Every start tag in document order (comments skipped); `<script>` tags carry their body. */
export function parseTags(html: string): HtmlTag[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  const tags: HtmlTag[] = [];
  const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (const match of withoutComments.matchAll(TAG)) {
    const name = (match[1] ?? "").toLowerCase();
    const tag: HtmlTag = { name, attributes: parseAttributes(match[2] ?? "") };
    if (name === "script") {
      const start = (match.index ?? 0) + match[0].length;
      const end = withoutComments.toLowerCase().indexOf("</script", start);
      tag.body = withoutComments.slice(start, end === -1 ? undefined : end);
    }
    tags.push(tag);
  }
  return tags;
}
