import { describeActors } from "@ext/shared";
import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useT } from "../i18n/i18n-context.tsx";
import { readViewerIdentity } from "../twitch/viewer-identity.ts";

/**
 * Offers identity sharing to a viewer whose token has no `user_id`: chat can only name viewers who
 * shared their identity. Twitch fires `onAuthorized` again afterwards, which hides the offer. Hidden for
 * the broadcaster: on their own channel `requestIdShare` does nothing. The name chat uses is quoted as the
 * EBS writes it (chat's words are not translated).
 */
export function IdShareLink({ token }: { token: string }) {
  const { twitch } = usePanelDeps();
  const t = useT();
  const identity = readViewerIdentity(token);
  if (!twitch || !identity || identity.sharedIdentity || identity.role === "broadcaster") return null;
  return (
    <p className="id-share">
      {t("idShare.calledAs", { name: describeActors([{}]) })}{" "}
      <button type="button" className="link-button" onClick={() => twitch.ext.actions.requestIdShare()}>
        {t("idShare.button")}
      </button>
    </p>
  );
}
