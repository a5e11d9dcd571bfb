import { actionKinds } from "@ext/shared";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ALL_CATALOGS } from "../../test/catalogs.ts";
import {
  errorAnswer,
  type FakeEbs,
  queuedAnswer,
  queuedThenSent,
  statusAnswer,
  unreachableUrl,
} from "../../test/fake-ebs.ts";
import { createFakeTwitchExt, type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { type PanelFakes, withPanelFakes } from "../../test/panel-fakes.ts";
import { renderPanel } from "../../test/render-panel.tsx";
import { createTranslator } from "../i18n/translate.ts";
import { ACTION_LABELS, isViewerActionKind } from "./action-labels.ts";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
let fakes: PanelFakes;
withPanelFakes((given) => {
  fakes = given;
  ({ ebs, twitch } = given);
});

const hypeButton = () => screen.getByRole("button", { name: /send hype/i });
/** The live region: what a screen reader is told about the last click. */
const announcement = () => screen.getByRole("status");
/** Waits until the live region says `words`; returns it. */
async function announced(words: string | RegExp): Promise<HTMLElement> {
  await waitFor(() => expect(announcement()).toHaveTextContent(words));
  return announcement();
}
/** The actions the panel posted (each is then followed with `GET /api/actions/:id`). */
const posts = () => ebs.requests.filter((request) => request.method === "POST");

/** The EBS queues the hype (action a-1), then says Twitch refused it. */
function queuedThenRefused(message: string) {
  return [
    queuedAnswer("a-1"),
    statusAnswer({ actionId: "a-1", status: "failed", error: { code: "chat_refused", message } }),
  ] as const;
}

function authorize(token = viewerToken()): string {
  act(() => twitch.authorize({ token }));
  return token;
}

describe("before Twitch authorizes the panel", () => {
  it("shows that it is waiting for Twitch and offers no button", () => {
    renderPanel({ ebsUrl: ebs.url });
    expect(screen.getByText("Waiting for Twitch…")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /send hype/i })).not.toBeInTheDocument();
  });

  it("says the helper did not load when window.Twitch is absent", () => {
    fakes.uninstallTwitch();
    renderPanel({ ebsUrl: ebs.url });
    expect(screen.getByText("Waiting for Twitch…")).toBeInTheDocument();
    expect(screen.getByText(/extension helper did not load/i)).toBeInTheDocument();
  });
});

describe("once authorized", () => {
  it("shows an enabled Send hype button", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    expect(hypeButton()).toBeEnabled();
    expect(screen.queryByText("Waiting for Twitch…")).not.toBeInTheDocument();
  });

  it("offers one button per kind of action, each posting its own kind", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize(viewerToken({ userId: "98765" }));

    const viewerKinds = actionKinds.filter(isViewerActionKind);
    expect(viewerKinds.length).toBeGreaterThan(0);
    expect(screen.getAllByRole("button")).toHaveLength(viewerKinds.length);
    for (const [index, kind] of viewerKinds.entries()) {
      const name = createTranslator(ALL_CATALOGS.en, "en")(ACTION_LABELS[kind].button);
      await user.click(screen.getByRole("button", { name }));
      await waitFor(() => expect(posts()).toHaveLength(index + 1));
      expect(posts()[index]?.body).toBe(JSON.stringify({ action: kind }));
    }
  });

  it("follows the viewer's theme from onContext", () => {
    const { container } = renderPanel({ ebsUrl: ebs.url });
    authorize();
    act(() => twitch.setContext({ theme: "light" }));
    expect(container.querySelector(".panel")).toHaveAttribute("data-theme", "light");
    act(() => twitch.setContext({ theme: "dark" }));
    expect(container.querySelector(".panel")).toHaveAttribute("data-theme", "dark");
  });

  it("posts the hype with the viewer's token and shows the text that went to chat", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    const token = authorize();
    ebs.answer(...queuedThenSent("Ana sent some hype to the stream! 🎉"));

    await user.click(hypeButton());

    expect(await screen.findByText("Sent to chat!")).toBeInTheDocument();
    expect(screen.getByText("Ana sent some hype to the stream! 🎉")).toBeInTheDocument();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      method: "POST",
      path: "/api/actions",
      authorization: `Bearer ${token}`,
      body: JSON.stringify({ action: "hype" }),
    });
    expect(hypeButton()).toBeEnabled();
  });

  it("shows that it is sending and disables the button until the EBS answers", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    const gate = ebs.hold();

    await user.click(hypeButton());

    await announced("Sending your hype…");
    expect(screen.getAllByText("Sending your hype…")).toHaveLength(2);
    expect(hypeButton()).toBeDisabled();
    await user.click(hypeButton());
    gate.release();
    expect(await screen.findByText("Sent to chat!")).toBeInTheDocument();
    expect(posts()).toHaveLength(1);
  });

  it("always sends the latest token after Twitch refreshes it", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    const refreshed = authorize();

    await user.click(hypeButton());
    await screen.findByText("Sent to chat!");

    const newest = authorize();
    await user.click(hypeButton());
    await waitFor(() => expect(posts()).toHaveLength(2));
    expect(posts().map((r) => r.authorization)).toEqual([`Bearer ${refreshed}`, `Bearer ${newest}`]);
  });

  it("registers with onAuthorized once, however often it re-renders", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    authorize();
    expect(twitch.authorizedCallbackCount).toBe(1);
  });
});

describe("when the EBS queues the hype", () => {
  it("shows it queued, then sent with the text that went to chat", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    const token = authorize();
    const gate = ebs.hold();
    ebs.answer(
      queuedAnswer("a-1"),
      statusAnswer({ actionId: "a-1", status: "queued" }),
      statusAnswer({ actionId: "a-1", status: "sent", text: "Ana, Bo and 37 others sent some hype!" }),
    );

    await user.click(hypeButton());
    gate.release();

    await announced(/Queued: your hype goes to chat/);
    expect(hypeButton()).toBeDisabled();
    expect(await screen.findByText("Sent to chat!")).toBeInTheDocument();
    expect(screen.getByText("Ana, Bo and 37 others sent some hype!")).toBeInTheDocument();
    expect(ebs.requests.map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual([
      `POST /api/actions Bearer ${token}`,
      `GET /api/actions/a-1 Bearer ${token}`,
      `GET /api/actions/a-1 Bearer ${token}`,
    ]);
    expect(hypeButton()).toBeEnabled();
  });

  it("asks with the newest token while it waits", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    const first = authorize();
    const gate = ebs.hold();
    ebs.answer(queuedAnswer("a-1"), statusAnswer({ actionId: "a-1", status: "sent", text: "Sent!" }));

    await user.click(hypeButton());
    await announced("Sending your hype…");
    const fresh = authorize();
    gate.release();

    expect(await screen.findByText("Sent!")).toBeInTheDocument();
    expect(ebs.requests.map((r) => r.authorization)).toEqual([`Bearer ${first}`, `Bearer ${fresh}`]);
  });

  it("shows why when the queued hype could not be sent", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(...queuedThenRefused("server says chat_refused"));

    await user.click(hypeButton());

    const spoken = await announced(/Twitch did not let the extension post in chat/);
    expect(spoken).not.toHaveTextContent("server says");
    expect(screen.getByText("Twitch did not let the extension post in chat.")).toBeVisible();
  });
});

describe("errors, in words a viewer understands", () => {
  const cases: Array<{ code: string; status: number; retryAfterSeconds?: number; words: RegExp }> = [
    { code: "signature_invalid", status: 401, words: /Twitch couldn't confirm it's you/ },
    { code: "token_malformed", status: 401, words: /Twitch couldn't confirm it's you/ },
    { code: "chat_refused", status: 502, words: /Twitch did not let the extension post in chat/ },
    { code: "twitch_unavailable", status: 503, words: /Twitch is not answering right now/ },
    { code: "twitch_rate_limited", status: 429, retryAfterSeconds: 42, words: /Try again in 42 seconds/ },
    { code: "cooldown", status: 429, retryAfterSeconds: 7, words: /You can send more in 7 seconds/ },
    { code: "chat_disabled", status: 403, words: /Chat messages are turned off for this channel/ },
    { code: "internal", status: 500, words: /Something went wrong on our side/ },
  ];

  it.each(cases)("explains $code", async ({ code, status, retryAfterSeconds, words }) => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(errorAnswer(status, code, retryAfterSeconds));

    await user.click(hypeButton());

    const spoken = await announced(words);
    expect(spoken).not.toHaveTextContent(`server says ${code}`);
  });

  it("keeps the button disabled during a cooldown and enables it when the wait is over", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(errorAnswer(429, "cooldown", 1));

    await user.click(hypeButton());
    await announced(/cooling down/);

    expect(hypeButton()).toBeDisabled();
    await waitFor(() => expect(hypeButton()).toBeEnabled(), { timeout: 3_000 });
  });

  it("counts the cooldown down on screen, second by second, but announces it once and when it is over", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(errorAnswer(429, "cooldown", 2));

    await user.click(hypeButton());

    await announced("Hype is cooling down. You can send more in 2 seconds.");
    expect(screen.getByText("You can send more in 2 seconds.")).toBeVisible();
    await waitFor(() => expect(screen.getByText("You can send more in 1 second.")).toBeVisible(), {
      timeout: 2_000,
    });
    expect(announcement()).toHaveTextContent("Hype is cooling down. You can send more in 2 seconds.");
    await waitFor(() => expect(hypeButton()).toBeEnabled(), { timeout: 2_000 });
    expect(announcement()).toHaveTextContent("You can send hype again.");
    expect(screen.getAllByText("You can send hype again.")).toHaveLength(2);
  });

  it("says the server cannot be reached when the network is down", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: await unreachableUrl() });
    authorize();

    await user.click(hypeButton());

    await announced(/Can't reach the extension's server/);
  });

  it("treats an answer that is not JSON as a failure on our side", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer({ status: 502, text: "<html>Bad gateway</html>" });

    await user.click(hypeButton());

    await announced(/Something went wrong on our side/);
  });
});

describe("when the EBS says the token expired", () => {
  it("waits for Twitch's next token and retries once with it", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    const expired = authorize();
    ebs.answer(errorAnswer(401, "token_expired"), ...queuedThenSent("Retried hype!"));

    await user.click(hypeButton());
    await waitFor(() => expect(ebs.requests).toHaveLength(1));
    expect(announcement()).toHaveTextContent("Sending your hype…");

    const fresh = authorize();

    expect(await screen.findByText("Retried hype!")).toBeInTheDocument();
    expect(ebs.requests.map((r) => `${r.method} ${r.authorization}`)).toEqual([
      `POST Bearer ${expired}`,
      `POST Bearer ${fresh}`,
      `GET Bearer ${fresh}`,
    ]);
  });

  it("does not retry a second time when the fresh token is refused too", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(errorAnswer(401, "token_expired"), errorAnswer(401, "token_expired"));

    await user.click(hypeButton());
    await waitFor(() => expect(ebs.requests).toHaveLength(1));
    authorize();

    await announced(/session for this panel expired/);
    authorize();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ebs.requests).toHaveLength(2);
  });

  it("gives up with a clear message when no fresh token arrives", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url, tokenRefreshTimeoutMs: 50 });
    authorize();
    ebs.answer(errorAnswer(401, "token_expired"));

    await user.click(hypeButton());

    await announced(/session for this panel expired/);
    expect(ebs.requests).toHaveLength(1);
  });
});

describe("when chat is turned off for the channel", () => {
  it("says so and disables the button", () => {
    twitch = createFakeTwitchExt({ chatEnabled: false });
    fakes.replaceTwitch(twitch);
    renderPanel({ ebsUrl: ebs.url });
    authorize();

    expect(screen.getByText("Chat messages are turned off for this channel.")).toBeInTheDocument();
    expect(hypeButton()).toBeDisabled();
  });

  it("follows features.onChanged both ways", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    expect(hypeButton()).toBeEnabled();

    act(() => twitch.setChatEnabled(false));
    expect(hypeButton()).toBeDisabled();
    expect(screen.getByText("Chat messages are turned off for this channel.")).toBeInTheDocument();

    act(() => twitch.setChatEnabled(true));
    expect(hypeButton()).toBeEnabled();
    expect(screen.queryByText("Chat messages are turned off for this channel.")).not.toBeInTheDocument();
  });

  it("still says what became of a click that was queued when chat was turned off", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(...queuedThenRefused("Twitch refused"));
    const held = ebs.hold("GET");
    await user.click(hypeButton());
    await announced(/^Queued:/);
    await waitFor(() => expect(ebs.requests.map((r) => r.method)).toEqual(["POST", "GET"]));

    act(() => twitch.setChatEnabled(false));
    expect(screen.getByText("Chat messages are turned off for this channel.")).toBeInTheDocument();
    expect(announcement()).toHaveTextContent(/^Queued:/);
    held.release();

    await announced(/Twitch did not let the extension post in chat/);
    expect(hypeButton()).toBeDisabled();
  });

  it("hides an earlier 'sent' once chat is turned off", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    ebs.answer(...queuedThenSent("Ana sent some hype to the stream! 🎉"));
    await user.click(hypeButton());
    await screen.findByText("Ana sent some hype to the stream! 🎉");

    act(() => twitch.setChatEnabled(false));
    expect(screen.queryByText("Ana sent some hype to the stream! 🎉")).not.toBeInTheDocument();
  });
});

describe("when the broadcaster turned chat messages off in the config view", () => {
  const segment = (chatEnabled: boolean) => ({
    broadcaster: {
      version: "1",
      content: JSON.stringify({ version: 1, chatEnabled, template: "Hi {viewer}" }),
    },
  });

  it("says the streamer switched them off and disables the button", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    act(() => twitch.deliverConfiguration(segment(false)));

    expect(screen.getByText("Chat messages are turned off for this channel.")).toBeInTheDocument();
    expect(screen.getByText(/streamer switched hype messages off/)).toBeInTheDocument();
    expect(hypeButton()).toBeDisabled();
  });

  it("enables the button again when the broadcaster turns them back on", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    act(() => twitch.deliverConfiguration(segment(false)));
    act(() => twitch.deliverConfiguration(segment(true)));

    expect(hypeButton()).toBeEnabled();
    expect(screen.queryByText("Chat messages are turned off for this channel.")).not.toBeInTheDocument();
  });

  it("keeps the button on when the saved settings cannot be read (defaults apply)", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    act(() => twitch.deliverConfiguration({ broadcaster: { version: "1", content: "{broken" } }));
    expect(hypeButton()).toBeEnabled();
  });
});

describe("identity sharing", () => {
  it("offers 'Show my name in chat' to a viewer who has not shared identity, calling requestIdShare", async () => {
    const user = userEvent.setup();
    renderPanel({ ebsUrl: ebs.url });
    authorize(viewerToken());

    await user.click(screen.getByRole("button", { name: "Show my name in chat" }));

    expect(twitch.idShareRequests).toBe(1);
  });

  it("does not offer it to the broadcaster on their own channel", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize(viewerToken({ role: "broadcaster" }));
    expect(hypeButton()).toBeEnabled();
    expect(screen.queryByRole("button", { name: "Show my name in chat" })).not.toBeInTheDocument();
  });

  it("hides the offer once the token carries a user_id", () => {
    renderPanel({ ebsUrl: ebs.url });
    authorize(viewerToken());
    expect(screen.getByRole("button", { name: "Show my name in chat" })).toBeInTheDocument();

    authorize(viewerToken({ userId: "98765" }));

    expect(screen.queryByRole("button", { name: "Show my name in chat" })).not.toBeInTheDocument();
  });
});
