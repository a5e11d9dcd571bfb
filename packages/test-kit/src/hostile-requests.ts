import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import type { RawAnswer, RawRequest } from "./raw-http.ts";

/** A call a route takes as it should be: the base every hostile request is made from. */
export interface BaseCall {
  method: string;
  /** Path and query. */
  path: string;
  /** The headers a good call carries (Authorization, Client-Id, Content-Type...). */
  headers: readonly (readonly [string, string])[];
  /** The body a good call carries: JSON object text, a form, or "" for none. */
  body: string;
}

/** The kinds of hostile request {@link hostileRequest} makes, each a way a client (or an attacker) gets HTTP wrong. */
export const hostileKinds = [
  "encoding",
  "depth",
  "size",
  "repeated-header",
  "huge-header",
  "content-type",
  "prototype-key",
  "odd-value",
  "garbage",
  "framing",
  "request-line",
] as const;
export type HostileKind = (typeof hostileKinds)[number];

/** A request made from a {@link BaseCall}, with what was done to it. */
export interface HostileRequest extends RawRequest {
  kind: HostileKind;
  /** What was done, short, for a failure message. */
  label: string;
}

type Headers = readonly (readonly [string, string])[];

function withHeader(headers: Headers, name: string, value: string | undefined): [string, string][] {
  const kept = headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()).map(([n, v]) => [n, v]);
  return (value === undefined ? kept : [...kept, [name, value]]) as [string, string][];
}

const utf8 = (text: string) => Buffer.from(text, "utf8");

/** The base body with `key` set to raw JSON text `value` (the body becomes an object if it was not one). */
function withField(body: string, key: string, value: string): string {
  const hole = "\u0000hole\u0000";
  let object: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      object = parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON (a form, or no body): the field goes into a new object.
  }
  const text = JSON.stringify({ ...object, [key]: hole });
  return text.replace(JSON.stringify(hole), () => value);
}

/** The base body's keys, or a name no route knows. */
function fieldOf(base: BaseCall, pick: number): string {
  let keys: string[] = [];
  try {
    const parsed: unknown = JSON.parse(base.body);
    if (parsed !== null && typeof parsed === "object") keys = Object.keys(parsed);
  } catch {
    keys = [];
  }
  const all = [...keys, "extra"];
  return all[pick % all.length] as string;
}

function nested(depth: number, shape: "array" | "object" | "mixed"): string {
  if (shape === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
  if (shape === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  return `${'[{"a":'.repeat(Math.ceil(depth / 2))}1${"}]".repeat(Math.ceil(depth / 2))}`;
}

let bomb: Buffer | undefined;
/** About 2 KB of gzip that inflates to 4 MB of JSON: any body limit must hold after inflating. */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(utf8(`{"text":"${" ".repeat(4 * 1024 * 1024)}"}`), { level: 9 });
  return bomb;
}

const encodings = fc.constantFrom(
  "gzip",
  "deflate",
  "br",
  "GZIP",
  "gzip, gzip",
  "identity, gzip",
  "gzip, identity",
  "deflate, gzip",
  "compress",
  "zstd",
  "x-evil",
  "identity",
  "",
);
const encodedBodies = fc.constantFrom("plain", "gzip", "gzip-twice", "deflate", "br", "truncated", "bomb");

function encode(body: string, how: string): Buffer {
  const plain = utf8(body);
  switch (how) {
    case "gzip":
      return gzipSync(plain);
    case "gzip-twice":
      return gzipSync(gzipSync(plain));
    case "deflate":
      return deflateSync(plain);
    case "br":
      return brotliCompressSync(plain);
    case "truncated":
      return gzipSync(plain).subarray(0, 12);
    case "bomb":
      return gzipBomb();
    default:
      return plain;
  }
}

const encoding = (base: fc.Arbitrary<BaseCall>) =>
  fc.tuple(base, encodings, encodedBodies).map(
    ([b, enc, how]): HostileRequest => ({
      kind: "encoding",
      label: `Content-Encoding ${JSON.stringify(enc)} over a ${how} body`,
      method: b.method,
      path: b.path,
      headers: withHeader(b.headers, "Content-Encoding", enc),
      body: encode(b.body, how),
    }),
  );

const depth = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.constantFrom(65, 100, 1000, 3000, 10_000, 30_000),
      fc.constantFrom("array" as const, "object" as const, "mixed" as const),
      fc.boolean(),
      fc.nat(),
    )
    .map(([b, levels, shape, inField, pick]): HostileRequest => {
      const deep = nested(levels, shape);
      return {
        kind: "depth",
        label: `${shape}s ${levels} deep ${inField ? "in a field" : "as the body"}`,
        method: b.method,
        path: b.path,
        headers: b.headers,
        body: utf8(inField ? withField(b.body, fieldOf(b, pick), deep) : deep),
      };
    });

const size = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(base, fc.constantFrom(4097, 16 * 1024, 33 * 1024, 65 * 1024, 300 * 1024), fc.boolean(), fc.nat())
    .map(([b, bytes, json, pick]): HostileRequest => {
      const body = json
        ? withField(b.body, fieldOf(b, pick), JSON.stringify("x".repeat(bytes)))
        : "x".repeat(bytes);
      return {
        kind: "size",
        label: `${json ? "a JSON field of" : "a body of"} ${bytes} bytes`,
        method: b.method,
        path: b.path,
        headers: b.headers,
        body: utf8(body),
      };
    });

const repeatedHeader = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.constantFrom(
        "Authorization",
        "Content-Type",
        "Client-Id",
        "Content-Encoding",
        "Host",
        "Content-Length",
      ),
      fc.constantFrom("same", "other"),
    )
    .map(([b, name, second]): HostileRequest => {
      const body = utf8(b.body);
      const first = b.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      const others: Record<string, string> = {
        Authorization: "Bearer not-a-token",
        "Content-Type": "text/plain",
        "Client-Id": "someoneelse0123456789abcdefghi",
        "Content-Encoding": "gzip",
        Host: "evil.example",
        "Content-Length": String(body.length + 1),
      };
      const value = second === "same" && first !== undefined ? first : (others[name] as string);
      const lengthHeaders: [string, string][] =
        name === "Content-Length" ? [["Content-Length", String(body.length)]] : [];
      return {
        kind: "repeated-header",
        label: `two ${name} headers (${second})`,
        method: b.method,
        path: b.path,
        headers: [...b.headers, ...lengthHeaders, [name, value]],
        body,
        framing: name === "Content-Length" ? "none" : "length",
      };
    });

const hugeHeader = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.constantFrom("Authorization", "Content-Type", "Client-Id", "Cookie", "X-Filler", "many"),
      fc.constantFrom(4 * 1024, 15 * 1024, 17 * 1024, 100 * 1024),
    )
    .map(([b, name, bytes]): HostileRequest => {
      const filler = "a".repeat(bytes);
      const values: Record<string, string> = {
        Authorization: `Bearer ${filler}`,
        "Content-Type": `application/json; x=${filler}`,
      };
      const headers =
        name === "many"
          ? [
              ...b.headers,
              ...Array.from({ length: Math.round(bytes / 40) }, (_, i) => [`X-N${i}`, "1"] as const),
            ]
          : withHeader(b.headers, name, values[name] ?? filler);
      return {
        kind: "huge-header",
        label: name === "many" ? `${Math.round(bytes / 40)} headers` : `a ${bytes}-byte ${name} header`,
        method: b.method,
        path: b.path,
        headers,
        body: utf8(b.body),
      };
    });

/** Printable ASCII and a few Latin-1 bytes: what can stand in a header at all. */
const headerText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 200,
});

const contentType = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.oneof(
        fc.constantFrom(
          undefined,
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=utf-16",
          "application/json; charset=utf-32",
          "application/json; charset=klingon",
          "application/json; charset=",
          "application/json; charset",
          'application/json; charset="utf-8',
          "application/json;;",
          "application/json, text/plain",
          "application/jsonx",
          "*/*",
          "",
          `application/json; ${"p=1; ".repeat(400)}`,
        ),
        headerText,
      ),
    )
    .map(
      ([b, type]): HostileRequest => ({
        kind: "content-type",
        label: `Content-Type ${JSON.stringify(type)}`,
        method: b.method,
        path: b.path,
        headers: withHeader(b.headers, "Content-Type", type),
        body: utf8(b.body),
      }),
    );

const pollution = fc.constantFrom(
  '"__proto__":{"polluted":true}',
  '"constructor":{"prototype":{"polluted":true}}',
  '"prototype":{"polluted":true}',
  '"x":{"__proto__":{"polluted":true}}',
  '"__proto__":{"__proto__":{"polluted":true}}',
);

const prototypeKey = (base: fc.Arbitrary<BaseCall>) =>
  fc.tuple(base, pollution, fc.boolean()).map(([b, member, first]): HostileRequest => {
    const body = b.body.trim().startsWith("{") ? b.body.trim() : "{}";
    const inner = body.slice(1, -1).trim();
    const members = inner === "" ? [member] : first ? [member, inner] : [inner, member];
    return {
      kind: "prototype-key",
      label: `a body with ${member}`,
      method: b.method,
      path: b.path,
      headers: b.headers,
      body: utf8(`{${members.join(",")}}`),
    };
  });

/** Values a field was never meant to hold, as raw JSON text. */
const oddValue = fc.oneof(
  fc.constantFrom(
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '["\\ud83d"]',
    "1e400",
    "-0",
    "null",
    "true",
    "[]",
    "{}",
    '"\\u0000\\r\\n"',
    '"🎉"',
    JSON.stringify("é".repeat(20_000)),
    JSON.stringify(["a".repeat(30_000)]),
    JSON.stringify({ a: "b".repeat(30_000) }),
    JSON.stringify("x".repeat(281)),
    "123456789012345678901234567890",
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
);

const odd = (base: fc.Arbitrary<BaseCall>) =>
  fc.tuple(base, oddValue, fc.nat()).map(([b, value, pick]): HostileRequest => {
    const field = fieldOf(b, pick);
    return {
      kind: "odd-value",
      label: `"${field}": ${value.slice(0, 40)}`,
      method: b.method,
      path: b.path,
      headers: b.headers,
      body: utf8(withField(b.body, field, value)),
    };
  });

const garbage = (base: fc.Arbitrary<BaseCall>) =>
  fc.tuple(base, fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ maxLength: 500 }).map(utf8))).map(
    ([b, body]): HostileRequest => ({
      kind: "garbage",
      label: `${body.length} random bytes`,
      method: b.method,
      path: b.path,
      headers: b.headers,
      body,
    }),
  );

const framing = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.constantFrom("chunked", "short-length", "no-length", "bad-length", "length-and-chunked"),
      fc.integer({ min: 1, max: 64 }),
    )
    .map(([b, how, chunkBytes]): HostileRequest => {
      const body = utf8(b.body);
      const common = { kind: "framing" as const, label: how, method: b.method, path: b.path, body };
      switch (how) {
        case "chunked":
          return {
            ...common,
            label: `chunked by ${chunkBytes}`,
            headers: b.headers,
            framing: "chunked",
            chunkBytes,
          };
        case "short-length":
          return {
            ...common,
            headers: [...b.headers, ["Content-Length", String(Math.floor(body.length / 2))]],
            framing: "none",
          };
        case "bad-length":
          return { ...common, headers: [...b.headers, ["Content-Length", "-1, abc"]], framing: "none" };
        case "length-and-chunked":
          return {
            ...common,
            headers: [...b.headers, ["Content-Length", String(body.length)]],
            framing: "chunked",
          };
        default:
          return { ...common, headers: b.headers, framing: "none" };
      }
    });

const requestLine = (base: fc.Arbitrary<BaseCall>) =>
  fc
    .tuple(
      base,
      fc.constantFrom(
        { method: "post", suffix: "" },
        { method: "PROPFIND", suffix: "" },
        { method: "GET", suffix: "" },
        { method: "DELETE", suffix: "" },
        { method: "", suffix: "%" },
        { method: "", suffix: "%E0%A4%A" },
        { method: "", suffix: "/%zz" },
        { method: "", suffix: `?${"a=1&".repeat(2000)}` },
        { method: "", suffix: `/${"a".repeat(20_000)}` },
        { method: "", suffix: "?broadcaster_id=1&broadcaster_id=2&__proto__[polluted]=1" },
      ),
    )
    .map(
      ([b, change]): HostileRequest => ({
        kind: "request-line",
        label: `${change.method || b.method} ${b.path.split("?")[0]}${change.suffix.slice(0, 40)}`,
        method: change.method || b.method,
        path: change.suffix.startsWith("?")
          ? `${b.path.split("?")[0]}${change.suffix}`
          : `${b.path}${change.suffix}`,
        headers: b.headers,
        body: utf8(b.body),
      }),
    );

/**
 * Hostile requests made from good calls: every {@link HostileKind}, each a small change to a call the route
 * takes, so the change (not an earlier refusal) is what the server meets. Bodies stay under 300 KB and the
 * framing honest enough that a server never has to wait for bytes that will not come.
 */
export function hostileRequest(base: fc.Arbitrary<BaseCall>): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    encoding(base),
    depth(base),
    size(base),
    repeatedHeader(base),
    hugeHeader(base),
    contentType(base),
    prototypeKey(base),
    odd(base),
    garbage(base),
    framing(base),
    requestLine(base),
  );
}

/** A JWT's first two parts, as any signed token starts: `eyJ` is `{"` in base64url. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}/;

/** What in an answer must never be there: one of `secrets`, or anything shaped like a signed JWT. */
export function leaksIn(answer: RawAnswer, secrets: readonly string[]): string[] {
  const found = secrets
    .filter((s) => s.length > 0 && answer.text.includes(s))
    .map((s) => `secret ${s.slice(0, 4)}…`);
  const jwt = JWT_LIKE.exec(answer.text);
  if (jwt) found.push(`a JWT ${jwt[0].slice(0, 16)}…`);
  return found;
}

/**
 * Node's own refusal of a request it could not parse (before the app saw it): 400, or 431 for headers over
 * its limit, with no body. Not a sentence, but a 4xx the app could not have shaped.
 */
export function isNodeParserRefusal(answer: RawAnswer): boolean {
  return (
    (answer.status === 400 || answer.status === 431) && answer.body === "" && !answer.headers["content-type"]
  );
}
