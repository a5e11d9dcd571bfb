import { DEFAULT_CHAT_TEMPLATE } from "@ext/shared";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeTwitchExt,
  type FakeTwitchExt,
  installFakeTwitch,
  viewerToken,
} from "../../test/fake-twitch-ext.ts";
import { renderConfig } from "../../test/render-config.tsx";
import { EbsError } from "../api/ebs-error.ts";
import type { SettingsNotifier } from "./use-settings-editor.ts";

let twitch: FakeTwitchExt;
let uninstall: () => void;

beforeEach(() => {
  twitch = createFakeTwitchExt();
  uninstall = installFakeTwitch(twitch);
});

afterEach(() => {
  uninstall();
});

const savedSegment = (settings: object) => ({ version: "1", content: JSON.stringify(settings) });
const template = () => screen.getByRole("textbox", { name: "Message" });
const chatSwitch = () => screen.getByRole("checkbox", { name: "Post hype messages in chat" });
const saveButton = () => screen.getByRole("button", { name: "Save" });

/** Renders the view, authorizes it as the broadcaster and delivers the configuration. */
function openConfig(broadcaster?: { version: string; content: string }, ebs?: SettingsNotifier) {
  renderConfig(ebs);
  const token = viewerToken({ role: "broadcaster", userId: "1234" });
  act(() => twitch.authorize({ token }));
  act(() => twitch.deliverConfiguration(broadcaster ? { broadcaster } : {}));
  return token;
}

async function typeTemplate(text: string) {
  const user = userEvent.setup();
  await user.clear(template());
  if (text) await user.click(template());
  if (text) await user.paste(text);
  return user;
}

describe("config view", () => {
  it("waits for Twitch's configuration before showing the form", () => {
    renderConfig();
    act(() => twitch.authorize({ token: viewerToken({ role: "broadcaster" }) }));
    expect(screen.getByText("Waiting for Twitch…")).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();

    act(() => twitch.deliverConfiguration({}));
    expect(template()).toBeInTheDocument();
  });

  it("says the helper did not load when window.Twitch is absent", () => {
    uninstall();
    renderConfig();
    expect(screen.getByText(/extension helper did not load/i)).toBeInTheDocument();
  });

  it("loads the saved settings from the broadcaster segment", () => {
    openConfig(savedSegment({ version: 1, chatEnabled: false, template: "Thanks {viewer}!" }));
    expect(template()).toHaveValue("Thanks {viewer}!");
    expect(chatSwitch()).not.toBeChecked();
    expect(screen.getByRole("status")).toHaveTextContent("Saved");
    expect(saveButton()).toBeDisabled();
  });

  it("shows the defaults on a channel that saved nothing yet", () => {
    openConfig();
    expect(template()).toHaveValue(DEFAULT_CHAT_TEMPLATE);
    expect(chatSwitch()).toBeChecked();
  });

  it("previews the message for a named viewer, an anonymous one, several, and the longest name", async () => {
    openConfig();
    await typeTemplate("Big thanks to {viewer}!");

    const preview = screen.getByRole("list", { name: "Preview" });
    expect(preview).toHaveTextContent("Big thanks to StreamFan_42!");
    expect(preview).toHaveTextContent("Big thanks to A viewer!");
    expect(preview).toHaveTextContent("Big thanks to Ana, bo_plays and 1 other!");
    expect(preview).toHaveTextContent("Big thanks to TwentyFiveCharacterName25!");
  });

  it("saves through configuration.set with the broadcaster segment, version 1 and the settings as JSON", async () => {
    openConfig();
    const user = await typeTemplate("Go {viewer}!");
    await user.click(chatSwitch());
    expect(screen.getByRole("status")).toHaveTextContent("Unsaved changes");

    await user.click(saveButton());

    expect(twitch.configurationSets).toEqual([
      {
        segment: "broadcaster",
        version: "1",
        content: JSON.stringify({ version: 1, chatEnabled: false, template: "Go {viewer}!" }),
      },
    ]);
    expect(screen.getByRole("status")).toHaveTextContent("Saved");
    expect(saveButton()).toBeDisabled();
  });

  it.each([
    [true, /In use: the next chat message follows these settings/],
    [false, /will use these settings within a minute/],
  ])(
    "tells the EBS what was saved, with the broadcaster's token, and says whether it is in use (%s)",
    async (inUse, note) => {
      const told: { token: string; content: string }[] = [];
      const ebs: SettingsNotifier = {
        settingsChanged: async (token, content) => {
          told.push({ token, content });
          return {
            status: "ok",
            chatEnabled: true,
            template: "Go {viewer}!",
            requiredConfigurationSet: false,
            inUse,
          };
        },
      };
      const token = openConfig(undefined, ebs);
      const user = await typeTemplate("Go {viewer}!");
      await user.click(saveButton());
      expect(told).toEqual([{ token, content: twitch.configurationSets[0]?.content }]);
      expect(await screen.findByText(note)).toBeInTheDocument();
      await user.type(template(), "!");
      expect(screen.queryByText(note)).toBeNull();
    },
  );

  it("shows what the EBS said of the latest save, not of an earlier one answered late", async () => {
    const answers: ((inUse: boolean) => void)[] = [];
    const ebs: SettingsNotifier = {
      settingsChanged: () =>
        new Promise((resolve) => {
          answers.push((inUse) =>
            resolve({
              status: "ok",
              chatEnabled: true,
              template: "x",
              requiredConfigurationSet: false,
              inUse,
            }),
          );
        }),
    };
    openConfig(undefined, ebs);
    const user = await typeTemplate("Go {viewer}!");
    await user.click(saveButton());
    await user.type(template(), "!");
    await user.click(saveButton());
    await act(async () => answers[1]?.(false));
    await act(async () => answers[0]?.(true));
    expect(screen.getByText(/will use these settings within a minute/)).toBeInTheDocument();
    expect(screen.queryByText(/^In use:/)).toBeNull();
  });

  it("says Twitch did not record the channel as configured, and offers to save again, when the EBS says so", async () => {
    let calls = 0;
    const ebs: SettingsNotifier = {
      settingsChanged: async () => {
        calls++;
        if (calls === 1) {
          throw new EbsError({
            code: "required_configuration_refused",
            message: "Twitch answered 404",
            status: 502,
          });
        }
        return {
          status: "ok",
          chatEnabled: true,
          template: "x",
          requiredConfigurationSet: true,
          inUse: true,
        };
      },
    };
    openConfig(undefined, ebs);
    const user = await typeTemplate("Go {viewer}!");
    await user.click(saveButton());
    expect(await screen.findByRole("alert")).toHaveTextContent(
      /Twitch did not record that this channel is configured/,
    );
    const again = screen.getByRole("button", { name: "Save again" });
    expect(again).toBeEnabled();
    await user.click(again);
    expect(
      await screen.findByText(/In use: the next chat message follows these settings/),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(twitch.configurationSets).toHaveLength(2);
  });

  it("says the settings are saved and will apply within a minute when the EBS cannot be told", async () => {
    const ebs: SettingsNotifier = { settingsChanged: () => Promise.reject(new Error("offline")) };
    openConfig(undefined, ebs);
    const user = await typeTemplate("Go {viewer}!");
    await user.click(saveButton());
    expect(await screen.findByText(/will use these settings within a minute/)).toBeInTheDocument();
    expect(twitch.configurationSets).toHaveLength(1);
  });

  it.each([
    ["an empty template", "", /empty/],
    ["an unknown placeholder", "Thanks {user}!", /\{user\} is not a placeholder/],
    ["a template too long for a 25-character name", `{viewer}${"a".repeat(256)}`, /281 characters/],
  ])("refuses %s with its reason and does not save", async (_, text, reason) => {
    openConfig();
    const user = await typeTemplate(text);

    expect(screen.getByRole("alert")).toHaveTextContent(reason);
    expect(template()).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("list", { name: "Preview" })).not.toBeInTheDocument();
    expect(saveButton()).toBeDisabled();
    await user.click(saveButton());
    expect(twitch.configurationSets).toHaveLength(0);
  });

  it("accepts a template exactly at the limit with a 25-character name", async () => {
    openConfig();
    await typeTemplate(`{viewer}${"a".repeat(255)}`);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(saveButton()).toBeEnabled();
  });

  it("goes back to the default wording with one click", async () => {
    openConfig(savedSegment({ version: 1, chatEnabled: true, template: "Custom {viewer}" }));
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Use the default" }));
    expect(template()).toHaveValue(DEFAULT_CHAT_TEMPLATE);
    expect(screen.getByRole("status")).toHaveTextContent("Unsaved changes");
  });

  it("follows a configuration change from Twitch without losing unsaved edits", async () => {
    openConfig(savedSegment({ version: 1, chatEnabled: true, template: "First {viewer}" }));
    act(() =>
      twitch.deliverConfiguration({
        broadcaster: savedSegment({ version: 1, chatEnabled: true, template: "Second {viewer}" }),
      }),
    );
    expect(template()).toHaveValue("Second {viewer}");

    await typeTemplate("Mine {viewer}");
    act(() =>
      twitch.deliverConfiguration({
        broadcaster: savedSegment({ version: 1, chatEnabled: true, template: "Third {viewer}" }),
      }),
    );
    expect(template()).toHaveValue("Mine {viewer}");
    expect(screen.getByRole("status")).toHaveTextContent("Unsaved changes");
  });

  it("reports when Twitch refuses the save", async () => {
    openConfig();
    twitch.configuration.set = () => {
      throw new Error("not authorized yet");
    };
    const user = await typeTemplate("Go {viewer}!");
    await user.click(saveButton());
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Twitch did not take the settings: not authorized yet",
    );
    expect(screen.getByRole("status")).toHaveTextContent("Unsaved changes");
  });

  it("tells the broadcaster when Twitch withholds the chat permission", () => {
    uninstall();
    twitch = createFakeTwitchExt({ chatEnabled: false });
    uninstall = installFakeTwitch(twitch);
    openConfig();
    expect(screen.getByRole("note")).toHaveTextContent(/Extensions → Permissions/);
  });
});
