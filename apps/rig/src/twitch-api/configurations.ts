import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Response, Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { SegmentName } from "../state/types.ts";
import { queryList, readBody } from "./body.ts";
import { authorizeExternal } from "./external-auth.ts";
import { sendRefusal } from "./refusal.ts";

const SEGMENTS: readonly SegmentName[] = ["broadcaster", "developer", "global"];

function invalid(res: Response, message: string, diagnosis: string): void {
  sendRefusal(res, refuse(400, "configuration_invalid", message, diagnosis));
}

function unknownChannel(res: Response, id: string): void {
  sendRefusal(
    res,
    refuse(404, "broadcaster_unknown", "The record was not found", `No channel has the id "${id}".`),
  );
}

/** Configuration service: `GET`/`PUT /helix/extensions/configurations` and the required configuration. */
export function mountConfigurations(router: Router, state: RigState): void {
  router.get(TWITCH.configurationsPath, (req, res) => {
    if (!authorizeExternal(req, res, { state, extensionId: req.query.extension_id })) return;
    const segments = queryList(req.query.segment);
    const broadcasterId = req.query.broadcaster_id;
    if (segments.length === 0 || segments.some((s) => !SEGMENTS.includes(s as SegmentName))) {
      invalid(
        res,
        'Invalid parameter "segment"',
        'segment is required: "broadcaster", "developer" or "global".',
      );
      return;
    }
    const needsChannel = segments.some((s) => s !== "global");
    if (needsChannel && typeof broadcasterId !== "string") {
      invalid(
        res,
        'Missing required parameter "broadcaster_id"',
        "The broadcaster and developer segments belong to a channel: add ?broadcaster_id=<channel id>.",
      );
      return;
    }
    if (typeof broadcasterId === "string" && !state.channel(broadcasterId)) {
      unknownChannel(res, broadcasterId);
      return;
    }
    const stored = state.configuration(typeof broadcasterId === "string" ? broadcasterId : "");
    const data = (segments as SegmentName[]).flatMap((segment) => {
      const value = stored[segment];
      if (!value) return [];
      return [
        {
          segment,
          ...(segment === "global" ? {} : { broadcaster_id: broadcasterId }),
          content: value.content,
          version: value.version,
        },
      ];
    });
    res.json({ data });
  });

  router.put(TWITCH.configurationsPath, (req, res) => {
    const body = readBody(req) as Record<string, unknown> | undefined;
    if (!authorizeExternal(req, res, { state, extensionId: body?.extension_id })) return;
    const { segment, broadcaster_id: broadcasterId, content, version } = body ?? {};
    if (typeof segment !== "string" || !SEGMENTS.includes(segment as SegmentName)) {
      invalid(res, 'Invalid parameter "segment"', 'segment must be "broadcaster", "developer" or "global".');
      return;
    }
    if (typeof content !== "string" || typeof version !== "string") {
      invalid(res, "Missing required parameter", "content and version must both be strings.");
      return;
    }
    if (Buffer.byteLength(content, "utf8") > TWITCH.configurationContentMax) {
      invalid(
        res,
        'The parameter "content" was malformed',
        `content is ${Buffer.byteLength(content, "utf8")} bytes; a segment holds at most 5 KB.`,
      );
      return;
    }
    if (segment !== "global") {
      if (typeof broadcasterId !== "string") {
        invalid(
          res,
          'Missing required parameter "broadcaster_id"',
          `The ${segment} segment belongs to a channel: send broadcaster_id as a string.`,
        );
        return;
      }
      if (!state.channel(broadcasterId)) {
        unknownChannel(res, broadcasterId);
        return;
      }
    }
    state.setConfiguration({
      segment: segment as SegmentName,
      channelId: typeof broadcasterId === "string" ? broadcasterId : undefined,
      value: { version, content },
    });
    res.status(204).end();
  });

  router.put(TWITCH.requiredConfigurationPath, (req, res) => {
    const body = readBody(req) as Record<string, unknown> | undefined;
    if (!authorizeExternal(req, res, { state, extensionId: body?.extension_id })) return;
    const broadcasterId = req.query.broadcaster_id;
    const required = body?.required_configuration;
    if (typeof broadcasterId !== "string") {
      invalid(res, 'Missing required parameter "broadcaster_id"', "Add ?broadcaster_id=<channel id>.");
      return;
    }
    if (typeof required !== "string" || typeof body?.extension_version !== "string") {
      invalid(
        res,
        "Missing required parameter",
        "The body needs extension_id, extension_version and required_configuration, all strings.",
      );
      return;
    }
    if (!state.channel(broadcasterId)) {
      unknownChannel(res, broadcasterId);
      return;
    }
    state.setRequiredConfiguration(broadcasterId, required);
    res.status(204).end();
  });
}
