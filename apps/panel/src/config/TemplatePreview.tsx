import { buildChatText, type ChatActor, DISPLAY_NAME_MAX } from "@ext/shared";

/** Who the preview imagines clicking: the cases a streamer should see before saving. */
export const PREVIEW_SAMPLES: ReadonlyArray<{ label: string; actors: ChatActor[] }> = [
  { label: "A viewer who shared their identity", actors: [{ displayName: "StreamFan_42" }] },
  { label: "A viewer who did not", actors: [{}] },
  { label: "Several at once", actors: [{ displayName: "Ana" }, { displayName: "bo_plays" }, {}] },
  {
    label: `The longest name (${DISPLAY_NAME_MAX} characters)`,
    actors: [{ displayName: "TwentyFiveCharacterName25" }],
  },
];

/** The chat lines the template gives for each sample, exactly as the EBS would build them. */
export function TemplatePreview({ template }: { template: string }) {
  return (
    <ul className="preview" aria-label="Preview">
      {PREVIEW_SAMPLES.map((sample) => (
        <li key={sample.label} className="preview__item">
          <span className="preview__label">{sample.label}</span>
          <blockquote className="chat-line">{buildChatText({ actors: sample.actors, template })}</blockquote>
        </li>
      ))}
    </ul>
  );
}
