import { buildChatText, type ChatActor, DISPLAY_NAME_MAX } from "@ext/shared";
import type { MessageKey } from "../i18n/catalogs/en.ts";
import { useT } from "../i18n/i18n-context.tsx";

/** Who the preview imagines clicking: the cases a streamer should see before saving. */
export const PREVIEW_SAMPLES: ReadonlyArray<{ label: MessageKey; actors: ChatActor[] }> = [
  { label: "preview.named", actors: [{ displayName: "StreamFan_42" }] },
  { label: "preview.anonymous", actors: [{}] },
  { label: "preview.several", actors: [{ displayName: "Ana" }, { displayName: "bo_plays" }, {}] },
  { label: "preview.longest", actors: [{ displayName: "TwentyFiveCharacterName25" }] },
];

/**
 * The chat lines the template gives for each sample, exactly as the EBS would build them (chat's text is
 * never translated: only the labels are in the broadcaster's language).
 */
export function TemplatePreview({ template }: { template: string }) {
  const t = useT();
  return (
    <ul className="preview" aria-label={t("config.preview")}>
      {PREVIEW_SAMPLES.map((sample) => (
        <li key={sample.label} className="preview__item">
          <span className="preview__label">{t(sample.label, { count: DISPLAY_NAME_MAX })}</span>
          <blockquote className="chat-line">{buildChatText({ actors: sample.actors, template })}</blockquote>
        </li>
      ))}
    </ul>
  );
}
