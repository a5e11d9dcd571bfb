import { type Clock, explainChatRefusal, TWITCH } from "@ext/shared";
import { explainExtensionJwt } from "@ext/shared/server";
import type { Config } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createHelixChatSender } from "../twitch/helix-chat.ts";
import { createHelixClient, type HelixExchange } from "../twitch/helix-client.ts";
import { formatJwtExplanation } from "./format.ts";

/** What one test message through the EBS's own Helix chat code gave. */
export interface ChatCheckReport {
  ok: boolean;
  status: number | undefined;
  /** From the rig's `x-rig-diagnosis-code` header, when the API base is the rig. */
  diagnosisCode: string | undefined;
  text: string;
}

/**
 * Sends one message to a channel through `createHelixChatSender` and the Helix client (exactly what the
 * EBS sends) and explains Twitch's answer: the rig's diagnosis when the API base is the rig; otherwise what
 * the status can mean plus a local look at the JWT it signed. Prints claims, never the signed JWT itself.
 */
export async function runChatCheck(input: {
  config: Config;
  /** The configured extension secrets, base64, to explain the signed JWT with. */
  secrets: readonly string[];
  channelId: string;
  text: string;
  clock: Clock;
}): Promise<ChatCheckReport> {
  const { config } = input;
  let exchange: HelixExchange | undefined;
  const helix = createHelixClient({
    config,
    clock: input.clock,
    observer: { exchangeEnded: (ended) => (exchange = ended) },
  });
  const sender = createHelixChatSender({
    config,
    helix,
    clock: input.clock,
    logger: createLogger({ level: "silent" }),
  });
  const url = new URL(TWITCH.chatPath, config.apiBase);
  const lines = [
    `Sending "${input.text}" to channel ${input.channelId} through ${url.origin} (extension ${config.clientId}, version ${config.extensionVersion})...`,
  ];
  let failure: string | undefined;
  try {
    await sender.send({ broadcasterId: input.channelId, text: input.text });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  const status = exchange?.status;
  const refusal = exchange?.error;
  const diagnosisCode = refusal?.diagnosisCode;
  if (status !== undefined && status >= 200 && status < 300) {
    lines.push(`ok: ${status}, the message was sent. Look at the channel's chat.`);
    return { ok: true, status, diagnosisCode, text: lines.join("\n") };
  }
  if (status === undefined) {
    lines.push(`PROBLEM: no answer from ${url.origin}: ${failure ?? "unknown error"}`);
    lines.push(`fix: check TWITCH_API_BASE and that the server (the rig: pnpm dev) is running.`);
    return { ok: false, status, diagnosisCode, text: lines.join("\n") };
  }

  const said = refusal?.twitchMessage;
  lines.push(`PROBLEM: Twitch answered ${status}${said ? ` ${JSON.stringify(said)}` : ""}.`);
  const diagnosis = refusal?.diagnosis;
  if (diagnosisCode || diagnosis) {
    lines.push(`Cause (the rig's diagnosis, ${diagnosisCode ?? "no code"}): ${diagnosis ?? ""}`);
  } else {
    lines.push(`What ${status} can mean: ${explainChatRefusal(status)}`);
    if (status === 401 || status === 404) {
      lines.push(
        `Real Twitch does not say which; on the Twitch side check: version ${config.extensionVersion} is installed and activated on channel ${input.channelId}, Chat Capabilities are on (Capabilities tab), the broadcaster granted chat (Creator Dashboard → Extensions → Permissions; uninstall and reinstall resets a stuck refusal), the required configuration (if any) is met, and the version is not in Local Test.`,
      );
    }
  }
  const bearer = exchange?.authorization?.replace(/^Bearer /, "");
  if (bearer) {
    lines.push("", "The JWT the EBS signed for this call (claims only, checked locally):");
    lines.push(
      formatJwtExplanation(
        explainExtensionJwt({
          token: bearer,
          secrets: input.secrets,
          clientId: config.clientId,
          ownerUserId: config.ownerUserId,
          ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
          clock: input.clock,
        }),
      ).replace(/^/gm, "  "),
    );
  }
  return { ok: false, status, diagnosisCode, text: lines.join("\n") };
}
