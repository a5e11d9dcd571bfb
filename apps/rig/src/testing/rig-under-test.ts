import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import type { ChatCall } from "@ext/shared/server";
import type { MistakeFixture } from "@ext/shared/testing";
import { createRigApp } from "../app.ts";
import type { EventSubDeliveryOptions } from "../eventsub/deliveries.ts";
import { createRigState, type RigState } from "../state/rig-state.ts";

/** A rig listening on 127.0.0.1 on a free port, with a clock the test moves by hand. */
export interface RigUnderTest {
  url: string;
  state: RigState;
  now(): number;
  advance(ms: number): void;
  fixture: MistakeFixture;
  close(): Promise<void>;
}

export const FIRST_CHANNEL = DEV_CONFIG.channels[0]?.broadcasterId as string;

/** The instant every rig under test starts at. */
export const START = Date.parse("2026-03-01T12:00:00Z");

/** The classic-mistakes fixture for the development extension, at {@link START}. */
export function devFixture(clock: () => number = () => START): MistakeFixture {
  const { extension } = DEV_CONFIG;
  return {
    clientId: extension.clientId,
    ownerUserId: extension.ownerUserId,
    secretBase64: extension.secretBase64,
    clientSecret: extension.clientSecret,
    version: extension.version,
    broadcasterId: FIRST_CHANNEL,
    clock,
  };
}

/** An app access token from the rig's OAuth endpoint, as the EBS obtains one (the development extension's client credentials). */
export async function appTokenFrom(rigUrl: string): Promise<string> {
  const { clientId, clientSecret } = DEV_CONFIG.extension;
  const res = await fetch(`${rigUrl}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    }),
  });
  if (res.status !== 200) throw new Error(`the rig refused the app token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function startRig(
  options: {
    heartbeatMs?: number;
    random?: () => number;
    eventSub?: EventSubDeliveryOptions;
    /** RIG_EVENTSUB_HOSTS: hosts besides this machine the rig may post EventSub deliveries to. */
    eventSubHosts?: readonly string[];
  } = {},
): Promise<RigUnderTest> {
  let now = START;
  const clock = () => now;
  const state = createRigState({
    config: structuredClone(DEV_CONFIG),
    clock,
    random: options.random,
    ...(options.eventSubHosts ? { eventSubHosts: options.eventSubHosts } : {}),
  });
  const app = createRigApp({
    state,
    heartbeatMs: options.heartbeatMs,
    ...(options.eventSub ? { eventSub: options.eventSub } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    now: clock,
    advance: (ms) => {
      now += ms;
    },
    fixture: devFixture(clock),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Sends a ChatCall (as the shared catalogue describes it) over HTTP to the rig's chat path. */
export function sendChatCall(url: string, call: ChatCall): Promise<Response> {
  const target = new URL("/helix/extensions/chat", url);
  if (typeof call.queryBroadcasterId === "string") {
    target.searchParams.set("broadcaster_id", call.queryBroadcasterId);
  }
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (call.authorization !== undefined) headers.Authorization = call.authorization;
  if (call.clientIdHeader !== undefined) headers["Client-Id"] = call.clientIdHeader;
  return fetch(target, {
    method: "POST",
    headers,
    body: call.body === undefined ? "this is not JSON" : JSON.stringify(call.body),
  });
}
