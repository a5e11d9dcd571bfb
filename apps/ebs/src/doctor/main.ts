import { systemClock } from "@ext/shared";
import { explainExtensionJwt } from "@ext/shared/server";
import { ConfigError, loadEnvironment, parseConfig } from "../config.ts";
import { parseDoctorArgs, USAGE } from "./args.ts";
import { runChatCheck } from "./chat.ts";
import { checkEnvironment, hasProblem, secretList } from "./config-checks.ts";
import { formatChecks, formatJwtExplanation } from "./format.ts";

const command = parseDoctorArgs(process.argv.slice(2));
const env = loadEnvironment();
const text = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);

async function run(): Promise<number> {
  switch (command.kind) {
    case "usage":
      console.log(command.error ? `${command.error}\n\n${USAGE}` : USAGE);
      return command.error ? 2 : 0;
    case "config": {
      const checks = checkEnvironment(env);
      console.log(formatChecks(checks));
      return hasProblem(checks) ? 1 : 0;
    }
    case "token": {
      const result = explainExtensionJwt({
        token: command.token,
        secrets: secretList(env),
        clientId: text("TWITCH_CLIENT_ID"),
        ownerUserId: text("TWITCH_OWNER_ID"),
        clientSecret: text("TWITCH_CLIENT_SECRET"),
        clock: systemClock,
      });
      console.log(formatJwtExplanation(result));
      return result.ok && result.explanation.verdict.ok ? 0 : 1;
    }
    case "chat": {
      let config: ReturnType<typeof parseConfig>;
      try {
        config = parseConfig(env);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.log(`The EBS configuration has problems; doctor chat needs it whole.\n`);
        console.log(formatChecks(checkEnvironment(env)));
        return 1;
      }
      const report = await runChatCheck({
        config,
        secrets: secretList(env),
        channelId: command.channelId,
        text: command.text,
        clock: systemClock,
      });
      console.log(report.text);
      return report.ok ? 0 : 1;
    }
  }
}

process.exitCode = await run();
