import * as z from "zod/mini";

/** Roles Twitch puts in extension JWTs. */
export const extensionRoles = ["viewer", "broadcaster", "moderator", "external"] as const;
export type ExtensionRole = (typeof extensionRoles)[number];

/** PubSub permissions carried by extension JWTs. */
export const pubsubPermsSchema = z.strictObject({
  listen: z.optional(z.array(z.string())),
  send: z.optional(z.array(z.string())),
});
export type PubSubPerms = z.infer<typeof pubsubPermsSchema>;

/**
 * Claims of the token the Extension Helper gives the frontend (`auth.token` in `onAuthorized`).
 * `user_id` is present only when the viewer shared their identity.
 */
const digits = () => z.string().check(z.regex(/^\d+$/, "a string of digits"));

export const viewerClaimsSchema = z.object({
  exp: z.int().check(z.positive()),
  iat: z.optional(z.int()),
  opaque_user_id: z.string().check(z.regex(/^[UA]/, 'starts with "U" (logged in) or "A" (anonymous)')),
  user_id: z.optional(digits()),
  channel_id: digits(),
  role: z.enum(extensionRoles),
  is_unlinked: z.optional(z.boolean()),
  pubsub_perms: z.optional(pubsubPermsSchema),
});
export type ViewerClaims = z.infer<typeof viewerClaimsSchema>;

/** Claims of the JWT an EBS signs to call Send Extension Chat Message. */
export interface ExternalChatClaims {
  exp: number;
  user_id: string;
  role: "external";
  channel_id: string;
}

/** Claims of the JWT an EBS signs to send Extension PubSub messages. */
export interface ExternalPubSubClaims extends ExternalChatClaims {
  pubsub_perms: { send: string[] };
}

/** Claims of the JWT an EBS signs for calls that concern no channel (configuration, secrets). */
export interface ExternalServiceClaims {
  exp: number;
  user_id: string;
  role: "external";
  channel_id?: string;
}

/** The object `Twitch.ext.onAuthorized` hands the frontend. */
export interface TwitchAuth {
  channelId: string;
  clientId: string;
  token: string;
  helixToken: string;
  /** The viewer's opaque id ("U…" or "A…"), not their Twitch user id. */
  userId: string;
}

/** Any claims object Twitch's extension JWTs carry. */
export type ExtensionClaims =
  | ViewerClaims
  | ExternalChatClaims
  | ExternalPubSubClaims
  | ExternalServiceClaims;
