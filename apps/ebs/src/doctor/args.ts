/** What `pnpm run doctor` was asked to do. */
export type DoctorCommand =
  | { kind: "config" }
  | { kind: "token"; token: string }
  | { kind: "chat"; channelId: string; text: string }
  | { kind: "usage"; error?: string };

export const USAGE = `pnpm run doctor                                  check the EBS configuration (apps/ebs/.env and the environment)
pnpm run doctor token <jwt>                      explain an extension JWT (viewer token or external JWT)
pnpm run doctor chat --channel <id> [--text ..]  send one test message through TWITCH_API_BASE and explain the answer`;

const DEFAULT_TEXT = "doctor: test message from the extension's EBS";

/** Reads doctor's arguments (a leading "--" from pnpm is ignored). */
export function parseDoctorArgs(argv: readonly string[]): DoctorCommand {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  const [name, ...rest] = args;
  if (name === undefined) return { kind: "config" };
  if (name === "help" || name === "--help" || name === "-h") return { kind: "usage" };
  if (name === "token") {
    const token = rest.find((a) => a !== "--");
    return token
      ? { kind: "token", token }
      : { kind: "usage", error: "doctor token needs the JWT to explain." };
  }
  if (name === "chat") {
    let channelId: string | undefined;
    let text = DEFAULT_TEXT;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      const next = rest[i + 1];
      if ((arg === "--channel" || arg === "--text") && next === undefined) {
        return { kind: "usage", error: `${arg} needs a value.` };
      }
      if (arg === "--channel") channelId = next;
      else if (arg === "--text") text = next ?? text;
      else if (arg?.startsWith("--channel=")) channelId = arg.slice("--channel=".length);
      else if (arg?.startsWith("--text=")) text = arg.slice("--text=".length);
      else continue;
      if (!arg?.includes("=")) i++;
    }
    if (!channelId) return { kind: "usage", error: "doctor chat needs --channel <broadcaster id>." };
    return { kind: "chat", channelId, text };
  }
  return { kind: "usage", error: `Unknown command "${name}".` };
}
