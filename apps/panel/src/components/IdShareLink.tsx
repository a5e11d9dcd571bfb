import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { readViewerIdentity } from "../twitch/viewer-identity.ts";

/**
 * Offers identity sharing to a viewer whose token has no `user_id`: chat can only name viewers who
 * shared their identity. Twitch fires `onAuthorized` again afterwards, which hides the offer. Hidden for
 * the broadcaster: on their own channel `requestIdShare` does nothing.
 */
export function IdShareLink({ token }: { token: string }) {
  const { twitch } = usePanelDeps();
  const identity = readViewerIdentity(token);
  if (!twitch || !identity || identity.sharedIdentity || identity.role === "broadcaster") return null;
  return (
    <p className="id-share">
      Chat calls you “A viewer”.{" "}
      <button type="button" className="link-button" onClick={() => twitch.ext.actions.requestIdShare()}>
        Show my name in chat
      </button>
    </p>
  );
}
