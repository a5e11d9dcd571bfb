import type { FrontendBitsProduct, HelixBitsProduct } from "@ext/shared";
import type {
  BitsPurchaseEvent,
  ChannelContext,
  ChannelView,
  ChatFaults,
  ChatMessage,
  LogEntry,
  RigStateView,
  RigTokenResponse,
  ViewEvent,
  ViewerContext,
  ViewerKind,
  ViewerQuery,
  ViewName,
} from "../protocol.ts";

/** `GET /rig/api/bits`: balances, products, transactions and EventSub subscriptions. */
export interface BitsOverview {
  balances: { userId: string; displayName: string; balance: number }[];
  products: HelixBitsProduct[];
  transactions: {
    id: string;
    timestamp: string;
    broadcaster_name: string;
    user_name: string;
    product_data: { sku: string; displayName: string; cost: { amount: number } };
  }[];
  /** `warning`: what the rig accepted that Twitch would refuse (an http callback on this machine). */
  subscriptions: { id: string; status: string; transport: { callback: string }; warning?: string }[];
}

/** `PATCH /rig/api/channels/:id/context`. */
export interface ContextPatch {
  context?: Partial<ViewerContext>;
  query?: Partial<ViewerQuery>;
  componentPosition?: { x: number; y: number } | null;
}

/** `POST /rig/api/channels/:id/context/events`. */
export type ViewEventRequest =
  | { event: "visibility"; isVisible: boolean; views?: ViewName[] }
  | { event: "highlight"; isHighlighted: boolean; views?: ViewName[] };

type ChannelPatch = Partial<
  Pick<
    ChannelView,
    "activated" | "versionState" | "chatGranted" | "requiredConfigurationMet" | "bitsEligible"
  >
> & { installedVersion?: string | null };

/** The rig UI's calls to `/rig/api` (same origin). */
export const rigApi = {
  state: () => call<RigStateView>("GET", "/state"),
  chat: (channelId: string) => call<{ messages: ChatMessage[] }>("GET", `/channels/${channelId}/chat`),
  log: () => call<{ entries: LogEntry[] }>("GET", "/log"),
  patchChannel: (channelId: string, patch: ChannelPatch) =>
    call<ChannelView>("PATCH", `/channels/${channelId}`, patch),
  setLive: (channelId: string, live: boolean) =>
    call<ChannelView>("PATCH", `/channels/${channelId}`, { live }),
  patchExtension: (patch: { chatCapability?: boolean }) => call<unknown>("PATCH", "/extension", patch),
  faults: () => call<ChatFaults>("GET", "/faults"),
  patchFaults: (patch: Partial<ChatFaults>) => call<ChatFaults>("PATCH", "/faults", patch),
  rotateSecret: () => call<unknown>("POST", "/secrets/rotate", {}),
  context: (channelId: string) => call<ChannelContext>("GET", `/channels/${channelId}/context`),
  patchContext: (channelId: string, patch: ContextPatch) =>
    call<ChannelContext>("PATCH", `/channels/${channelId}/context`, patch),
  viewEvent: (channelId: string, event: ViewEventRequest) =>
    call<ViewEvent>("POST", `/channels/${channelId}/context/events`, event),
  token: (request: { channelId: string; viewer: ViewerKind; userId?: string; ttlSeconds?: number }) =>
    call<RigTokenResponse>("POST", "/tokens", request),
  bits: () => call<BitsOverview>("GET", "/bits"),
  bitsProducts: (channelId: string) =>
    call<{ products: FrontendBitsProduct[] }>(
      "GET",
      `/bits/products?channelId=${encodeURIComponent(channelId)}`,
    ),
  purchase: (request: { channelId: string; userId: string; sku: string; loopback?: boolean }) =>
    call<BitsPurchaseEvent & { balance: number }>("POST", "/bits/purchases", request),
  setBalance: (userId: string, balance: number) =>
    call<unknown>("PUT", `/bits/balances/${userId}`, { balance }),
  revokeSubscription: (id: string) => call<unknown>("POST", `/eventsub/subscriptions/${id}/revoke`, {}),
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/rig/api${path}`, init);
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text) as { message?: string };
      message = parsed.message ?? text;
    } catch {}
    throw new Error(`${method} ${path}: ${response.status} ${message}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
