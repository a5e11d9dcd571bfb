import { DEFAULT_CHAT_TEMPLATE } from "@ext/shared";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { errorAnswer, type FakeEbs, queuedThenSent } from "../../test/fake-ebs.ts";
import { type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { withPanelFakes } from "../../test/panel-fakes.ts";
import { renderConfig } from "../../test/render-config.tsx";
import { renderPanel } from "../../test/render-panel.tsx";
import { loadCatalog } from "./load-catalog.ts";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
withPanelFakes((fakes) => {
  ({ ebs, twitch } = fakes);
});

const authorize = (token = viewerToken()) => act(() => twitch.authorize({ token }));
const GERMAN = "?anchor=panel&language=de&locale=de-DE&mode=viewer&platform=web&state=released";

describe("the panel in the viewer's language", () => {
  it("speaks German when the frame's query says language=de, and says so to screen readers", () => {
    renderPanel({ ebsUrl: ebs.url, search: GERMAN });
    authorize();
    expect(screen.getByRole("button", { name: "Hype senden" })).toBeEnabled();
    expect(screen.getByText(/Feuere den Stream an: Ein Klick/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Meinen Namen im Chat zeigen" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("de");
    expect(document.title).toBe("Hype senden");
  });

  it("waits for Twitch in German too", () => {
    renderPanel({ ebsUrl: ebs.url, search: GERMAN });
    expect(screen.getByText("Warte auf Twitch…")).toBeInTheDocument();
  });

  it("switches to Japanese at once when onContext says ja", () => {
    renderPanel({ ebsUrl: ebs.url, search: GERMAN });
    authorize();
    act(() => twitch.setContext({ language: "ja" }));
    expect(screen.getByRole("button", { name: "ハイプを送る" })).toBeEnabled();
    expect(screen.queryByRole("button", { name: "Hype senden" })).not.toBeInTheDocument();
    expect(document.documentElement.lang).toBe("ja");
  });

  it.each([
    ["?language=pt&locale=pt-BR", "Enviar hype"],
    ["?language=es&locale=es-MX", "Enviar hype"],
    ["?language=fr&locale=fr-FR", "Envoyer du hype"],
    ["?language=ko&locale=ko-KR", "Send hype"],
    ["", "Send hype"],
  ])("chooses from the query %j: %s", (search, button) => {
    renderPanel({ ebsUrl: ebs.url, search });
    authorize();
    expect(screen.getByRole("button", { name: button })).toBeInTheDocument();
  });

  it("words a failure and its countdown in German, with German plurals", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url, search: GERMAN });
    authorize();
    ebs.answer(errorAnswer(429, "cooldown", 2));
    await user.click(screen.getByRole("button", { name: "Hype senden" }));
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent(
        "Der Hype kühlt ab. Du kannst in 2 Sekunden mehr senden.",
      ),
    );
    await waitFor(() => expect(screen.getByText("Du kannst in 1 Sekunde mehr senden.")).toBeVisible(), {
      timeout: 2_000,
    });
  });

  it("keeps the chat message as the EBS wrote it: chat's text is not translated", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url, search: GERMAN });
    authorize();
    ebs.answer(...queuedThenSent("Ana sent some hype to the stream! 🎉"));
    await user.click(screen.getByRole("button", { name: "Hype senden" }));
    expect(await screen.findByText("Ana sent some hype to the stream! 🎉")).toBeInTheDocument();
    expect(screen.getByText("Im Chat gepostet!")).toBeInTheDocument();
  });

  it("loads the catalogue it needs on demand, then shows the page in that language", async () => {
    renderPanel({ ebsUrl: ebs.url, search: "?language=ja", load: loadCatalog });
    authorize();
    expect(await screen.findByRole("button", { name: "ハイプを送る" })).toBeInTheDocument();
  });

  it("falls back to English when the viewer's catalogue cannot be loaded", async () => {
    renderPanel({
      ebsUrl: ebs.url,
      search: "?language=fr",
      load: (language) => (language === "fr" ? Promise.reject(new Error("offline")) : loadCatalog(language)),
    });
    authorize();
    expect(await screen.findByRole("button", { name: "Send hype" })).toBeInTheDocument();
  });
});

describe("the mobile view", () => {
  it("offers the same action, for a tap, in the viewer's language", async () => {
    const user = userEvent.setup();
    const { container } = renderPanel({
      ebsUrl: ebs.url,
      view: "mobile",
      search: "?language=de&platform=mobile",
    });
    authorize();
    expect(container.querySelector("main")).toHaveClass("panel--mobile");
    expect(screen.getByText(/Einmal tippen postet/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Hype senden" }));
    await waitFor(() =>
      expect(ebs.requests.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/actions"),
    );
    expect(await screen.findByText("Im Chat gepostet!")).toBeInTheDocument();
  });
});

describe("the config view in the broadcaster's language", () => {
  function openConfig(search: string) {
    renderConfig(undefined, { search });
    act(() => twitch.authorize({ token: viewerToken({ role: "broadcaster", userId: "1234" }) }));
    act(() => twitch.deliverConfiguration({}));
  }

  it("labels every control in French, and leaves the chat preview in the template's words", () => {
    openConfig("?language=fr&locale=fr-FR&mode=config");
    expect(screen.getByRole("checkbox", { name: "Publier des messages de hype dans le chat" })).toBeChecked();
    expect(screen.getByRole("textbox", { name: "Message" })).toHaveValue(DEFAULT_CHAT_TEMPLATE);
    expect(screen.getByRole("button", { name: "Enregistrer" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Utiliser le message par défaut" })).toBeInTheDocument();
    const preview = screen.getByRole("list", { name: "Aperçu" });
    expect(preview).toHaveTextContent("StreamFan_42 sent some hype to the stream! 🎉");
    expect(preview).toHaveTextContent("Le nom le plus long (25 caractères)");
    expect(document.title).toBe("Paramètres de Hype Chat");
  });

  it("explains a template that is too long in Japanese, counting with the template's numbers", async () => {
    openConfig("?language=ja");
    const user = userEvent.setup();
    const textbox = screen.getByRole("textbox", { name: "メッセージ" });
    await user.clear(textbox);
    await user.click(textbox);
    await user.paste(`{viewer}${"a".repeat(257)}`);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "長すぎます：25文字の名前だとメッセージは282文字になり、Twitchの上限は280文字です。2文字削ってください。",
    );
    expect(textbox).toHaveAccessibleDescription(/長すぎます/);
  });

  it("switches the config view's language when onContext changes it", () => {
    openConfig("?language=en");
    expect(screen.getByRole("button", { name: "Save" })).toBeInTheDocument();
    act(() => twitch.setContext({ language: "pt-BR" }));
    expect(screen.getByRole("button", { name: "Salvar" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Salvo");
  });
});
