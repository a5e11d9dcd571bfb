import { connect } from "node:net";

/** An HTTP/1.1 request written byte for byte: headers may repeat, be huge or be malformed. */
export interface RawRequest {
  method: string;
  /** Path and query, sent as is. */
  path: string;
  /** In order; repeats are sent as repeats. `Host`, `Connection: close` and the framing are added. */
  headers: readonly (readonly [string, string])[];
  body: Uint8Array;
  /** `Content-Length` (default), `Transfer-Encoding: chunked` in chunks of `chunkBytes`, or no framing header. */
  framing?: "length" | "chunked" | "none";
  chunkBytes?: number;
}

/** What came back: the status, the headers (lowercase names, repeats kept) and the body as text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  /** The whole answer as received (status line, headers and body), to search for what must not be there. */
  text: string;
}

/** The bytes of a request, framed as asked, always `Connection: close`. */
export function serializeRequest(request: RawRequest): Buffer {
  const lines = [`${request.method} ${request.path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const framing = request.framing ?? "length";
  let body = Buffer.from(request.body);
  if (framing === "length") lines.push(`Content-Length: ${body.length}`);
  if (framing === "chunked") {
    lines.push("Transfer-Encoding: chunked");
    const size = Math.max(1, request.chunkBytes ?? 1024);
    const parts: Buffer[] = [];
    for (let at = 0; at < body.length; at += size) {
      const chunk = body.subarray(at, at + size);
      parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n"));
    }
    parts.push(Buffer.from("0\r\n\r\n"));
    body = Buffer.concat(parts);
  }
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body]);
}

/** Reads a chunked body; what is incomplete is left out. */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The answer in `raw`, or undefined while its head or its Content-Length body is incomplete. */
function parseAnswer(raw: Buffer, complete: boolean): RawAnswer | undefined {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const [statusLine = "", ...lines] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = [...(headers[name] ?? []), line.slice(colon + 1).trim()];
  }
  let body = raw.subarray(headEnd + 4);
  const length = headers["content-length"]?.[0];
  if (length !== undefined) {
    if (body.length < Number(length)) return undefined;
    body = body.subarray(0, Number(length));
  } else if (headers["transfer-encoding"]?.[0]?.toLowerCase() === "chunked") {
    if (!complete && !body.includes("0\r\n\r\n")) return undefined;
    body = unchunk(body);
  } else if (!complete) {
    return undefined;
  }
  return { status, headers, body: body.toString("utf8"), text: raw.toString("utf8") };
}

/**
 * Sends `request` over a fresh TCP connection to 127.0.0.1:`port` and resolves with the answer once it is
 * complete (or the server closed the connection after it). Rejects when no answer came within `timeoutMs`,
 * naming the request, or when the connection failed before an answer.
 */
export function exchange(port: number, request: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const bytes = serializeRequest(request);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes, () => undefined));
    const finish = (error?: Error) => {
      if (settled) return;
      const answer = parseAnswer(Buffer.concat(chunks), true);
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (answer) resolve(answer);
      else
        reject(
          error ?? new Error(`the connection closed without an answer to ${request.method} ${request.path}`),
        );
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `no answer within ${timeoutMs} ms to ${request.method} ${request.path} (${bytes.length} bytes sent)`,
          ),
        ),
      timeoutMs,
    );
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (parseAnswer(Buffer.concat(chunks), false)) finish();
    });
    socket.on("end", () => finish());
    socket.on("close", () => finish());
    socket.on("error", (error) => finish(error));
  });
}
