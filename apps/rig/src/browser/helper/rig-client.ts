import type { FrontendBitsProduct } from "@ext/shared";
import type { ConfigurationSegments, RigStateView, RigTokenResponse, ViewerKind } from "../protocol.ts";

/** The few rig API calls the helper makes itself (`/rig/api`, CORS open to localhost origins). */
export interface HelperRigClient {
  state(): Promise<RigStateView>;
  token(request: { channelId: string; viewer: ViewerKind; userId?: string }): Promise<RigTokenResponse>;
  configuration(channelId: string): Promise<ConfigurationSegments>;
  setConfiguration(
    channelId: string,
    body: { token: string; segment: "broadcaster"; version: string; content: string },
  ): Promise<void>;
  sendPubSub(body: { token: string; target: string; contentType: string; message: string }): Promise<void>;
  /** What `Twitch.ext.bits.getProducts()` answers on this channel. */
  bitsProducts(channelId: string): Promise<{ products: FrontendBitsProduct[] }>;
}

/** Calls the rig at `rigBase` with `fetchFn`; a non-2xx answer rejects with the rig's message. */
export function createHelperRigClient(rigBase: string, fetchFn: typeof fetch): HelperRigClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const response = await fetchFn(`${rigBase}/rig/api${path}`, init);
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} /rig/api${path} answered ${response.status}: ${readMessage(text)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    state: () => call("GET", "/state"),
    token: (request) => call("POST", "/tokens", request),
    configuration: (channelId) => call("GET", `/channels/${encodeURIComponent(channelId)}/configuration`),
    setConfiguration: (channelId, body) =>
      call("PUT", `/channels/${encodeURIComponent(channelId)}/configuration`, body),
    sendPubSub: (body) => call("POST", "/pubsub/send", body),
    bitsProducts: (channelId) => call("GET", `/bits/products?channelId=${encodeURIComponent(channelId)}`),
  };
}

function readMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    return String(body.message ?? body.error ?? text);
  } catch {
    return text.slice(0, 200);
  }
}
