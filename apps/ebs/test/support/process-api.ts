import {
  countActorsInChatText,
  type LiveDashboard,
  type LiveState,
  liveDashboardSchema,
  livePubSubMessageSchema,
  liveStateSchema,
  systemClock,
} from "@ext/shared";
import {
  buildBroadcasterClaims,
  buildViewerClaims,
  createSecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
import { type Child, RIG_DEV } from "./processes.ts";

/** HTTP helpers of the multi-process tests: viewers' tokens, the EBS's API, the rig's API. */
const ring = createSecretRing(RIG_DEV.secretBase64);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token for viewer `n` of a rig channel, as the Extension Helper signs it (identified with `userId`). */
export function viewerToken(channelId: string, n: number, userId?: string): string {
  const claims = buildViewerClaims({
    channelId,
    clock: systemClock,
    viewer: userId ? { kind: "identified", userId } : { kind: "anonymous", userId: String(700_000_000 + n) },
  });
  return signExtensionJwt(claims, ring, systemClock);
}

/** The broadcaster's own token on their channel (the dashboard's). */
export function broadcasterToken(channelId: string): string {
  return signExtensionJwt(buildBroadcasterClaims({ channelId, clock: systemClock }), ring, systemClock);
}

/** GET on the EBS as the token's holder: the status and the JSON body. */
async function getJson(via: Child, path: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${via.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** `GET /api/live` on `via`, which must answer 200 with a LiveState. */
export async function liveState(via: Child, token: string): Promise<LiveState> {
  const { status, body } = await getJson(via, "/api/live", token);
  if (status !== 200) throw new Error(`GET /api/live answered ${status}: ${JSON.stringify(body)}`);
  return liveStateSchema.parse(body);
}

/** `GET /api/live/dashboard` on `via`: the status, and the dashboard when 200. */
export async function liveDashboard(
  via: Child,
  token: string,
): Promise<{ status: number; dashboard?: LiveDashboard; body: unknown }> {
  const { status, body } = await getJson(via, "/api/live/dashboard", token);
  return status === 200 ? { status, dashboard: liveDashboardSchema.parse(body), body } : { status, body };
}

/**
 * The live states the rig relayed to frames (its SSE `pubsub` events, `target` broadcast), as they arrive,
 * from the moment this is called; `close` ends the stream.
 */
export function rigBroadcasts(rigUrl: string): { states: () => LiveState[]; close: () => void } {
  const states: LiveState[] = [];
  const controller = new AbortController();
  void (async () => {
    const res = await fetch(`${rigUrl}/rig/api/events`, { signal: controller.signal });
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) return;
      buffer += chunk.value;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (!block.startsWith("event: pubsub\n")) continue;
        const data = JSON.parse(block.slice(block.indexOf("data: ") + 6)) as {
          target: string;
          message: string;
        };
        if (data.target === "broadcast")
          states.push(livePubSubMessageSchema.parse(JSON.parse(data.message)).state);
      }
    }
  })().catch(() => {});
  return { states: () => states, close: () => controller.abort() };
}

/** One action an EBS accepted (202). */
export interface Posted {
  id: string;
  token: string;
  channelId: string;
  via: Child;
}

/** POST /api/actions on `via`; the raw answer. */
export function postAction(via: Child, token: string): Promise<Response> {
  return fetch(`${via.url}/api/actions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: '{"action":"hype"}',
  });
}

/** POST /api/actions on `via`, which must answer 202. */
export async function post(via: Child, channelId: string, token: string): Promise<Posted> {
  const res = await postAction(via, token);
  const body = (await res.json()) as { actionId?: string };
  if (res.status !== 202 || !body.actionId)
    throw new Error(`POST answered ${res.status}: ${JSON.stringify(body)}`);
  return { id: body.actionId, token, channelId, via };
}

/** Long-polls the action's status on `from` until it is no longer queued (or `deadline` passes). */
export async function finalStatus(from: Child, action: Posted, deadline: number): Promise<string> {
  for (;;) {
    const res = await fetch(`${from.url}/api/actions/${action.id}?wait=10`, {
      headers: { Authorization: `Bearer ${action.token}` },
    });
    if (res.status !== 200)
      throw new Error(`GET status on ${from.url} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { status: string };
    if (body.status !== "queued" || Date.now() > deadline) return body.status;
  }
}

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

/** The rig's API, at `rigUrl`. */
export function rigApi(rigUrl: string) {
  let channelSeq = 0;

  async function rigJson<T>(path: string, init?: { method: string; body: unknown }): Promise<T> {
    const res = await fetch(`${rigUrl}${path}`, {
      method: init?.method ?? "GET",
      headers: { "Content-Type": "application/json" },
      ...(init ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw new Error(`rig ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  return {
    /** A new channel on the rig (installed, activated, chat granted): its own fresh chat window. */
    async newChannel(): Promise<string> {
      channelSeq++;
      const id = String(88_000_000 + channelSeq);
      await rigJson("/rig/api/channels", {
        method: "POST",
        body: { id, login: `redis_${channelSeq}`, displayName: `Redis${channelSeq}` },
      });
      return id;
    },
    /** Makes a share of chat calls fail (`kinds`: "500", "503", "timeout", "reset"); rate 0 stops it. */
    faults(chatFailureRate: number, kinds?: string[]): Promise<void> {
      return rigJson("/rig/api/faults", {
        method: "PATCH",
        body: { chatFailureRate, ...(kinds ? { kinds } : {}) },
      });
    },
    /** Every chat call the rig received: its channel and the status it answered. */
    async chatCalls(): Promise<{ channelId: string; status: number }[]> {
      const { entries } = await rigJson<{ entries: LogEntry[] }>("/rig/api/log");
      return entries
        .filter((e) => e.method === "POST" && e.path.startsWith("/helix/extensions/chat"))
        .map((e) => ({
          channelId: new URL(e.path, "http://rig").searchParams.get("broadcaster_id") ?? "",
          status: e.status,
        }));
    },
    /** How many actions the channel's chat messages count together ("Ana, Bo and 3 others" is 5). */
    async actionsInChat(channelId: string): Promise<number> {
      const { messages } = await rigJson<{ messages: { text: string }[] }>(
        `/rig/api/channels/${channelId}/chat`,
      );
      let total = 0;
      for (const m of messages) {
        const n = countActorsInChatText(m.text);
        if (n === undefined) throw new Error(`a chat message the test cannot count: "${m.text}"`);
        total += n;
      }
      return total;
    },
    /** The PubSub calls the rig received: their status (from its request log). */
    async pubsubCalls(): Promise<{ status: number; code?: string }[]> {
      const { entries } = await rigJson<{ entries: (LogEntry & { code?: string })[] }>("/rig/api/log");
      return entries
        .filter((e) => e.method === "POST" && e.path.startsWith("/helix/extensions/pubsub"))
        .map((e) => ({ status: e.status, ...(e.code ? { code: e.code } : {}) }));
    },
    async chatTexts(channelId: string): Promise<string[]> {
      const { messages } = await rigJson<{ messages: { text: string }[] }>(
        `/rig/api/channels/${channelId}/chat`,
      );
      return messages.map((m) => m.text);
    },
  };
}
