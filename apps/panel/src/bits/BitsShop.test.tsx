import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { frontendProduct } from "../../test/fake-bits.ts";
import {
  bitsAcceptedAnswer,
  bitsUnpostedAnswer,
  errorAnswer,
  type FakeEbs,
  statusAnswer,
} from "../../test/fake-ebs.ts";
import { type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { withPanelFakes } from "../../test/panel-fakes.ts";
import { renderPanel } from "../../test/render-panel.tsx";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
withPanelFakes((fakes) => {
  ({ ebs, twitch } = fakes);
});

/** The Bits block, a region named by its heading in the viewer's language. */
function shop(): HTMLElement {
  const found = document.querySelector<HTMLElement>("section.bits");
  if (!found) throw new Error("the Bits block is not on screen");
  return found;
}
/** What the block shows about the purchase (the words, not the live region's copy of them). */
const shown = () => shop().querySelector(".status")?.textContent ?? "";
const buyButton = (name: RegExp) => within(shop()).getByRole("button", { name });
const bitsPosts = () => ebs.requests.filter((r) => r.path === "/api/bits/transactions");
/** The shop's own polite region (the click's `status` stays the only status). */
const shopAnnouncement = () => shop().querySelector("p[aria-live]")?.textContent ?? "";

/** How long a test waits for the shop's chunk and products to appear (cold under a loaded machine). */
const SHOP_CHUNK_MS = 5_000;

async function openShop(options: { search?: string } = {}): Promise<string> {
  renderPanel({ ebsUrl: ebs.url, ...options });
  const token = viewerToken({ userId: "98765" });
  act(() => twitch.authorize({ token }));
  act(() => twitch.setBitsEnabled(true));
  await waitFor(() => expect(shop().querySelectorAll("button").length).toBeGreaterThan(0), {
    timeout: SHOP_CHUNK_MS,
  });
  return token;
}

describe("the Bits products", () => {
  it("are not offered while features.isBitsEnabled is false, and appear and go as it changes", async () => {
    renderPanel({ ebsUrl: ebs.url });
    act(() => twitch.authorize({ token: viewerToken() }));
    expect(screen.queryByRole("region", { name: "Use Bits" })).not.toBeInTheDocument();

    act(() => twitch.setBitsEnabled(true));
    // The shop is its own lazily loaded chunk: the file's first load of it is cold (over 1 s under a loaded
    // `pnpm test`, which failed this wait once), so it gets longer than the default second.
    expect(await screen.findByRole("region", { name: "Use Bits" }, { timeout: SHOP_CHUNK_MS })).toBeVisible();
    act(() => twitch.setBitsEnabled(false));
    expect(screen.queryByRole("region", { name: "Use Bits" })).not.toBeInTheDocument();
  });

  it("shows Twitch's names and prices from getProducts, leaving out SKUs the catalogue does not have", async () => {
    twitch.fakeBits.products = [
      frontendProduct("mega-hype", "Mega Hype (Twitch's name)", 750),
      frontendProduct("not-in-catalogue", "Mystery", 5),
      frontendProduct("small-cheer", "Small Cheer", 100),
    ];
    await openShop();
    const names = within(shop())
      .getAllByRole("button")
      .map((b) => b.textContent);
    expect(names).toEqual(["Mega Hype (Twitch's name)750 Bits", "Small Cheer100 Bits"]);
  });

  it("calls setUseLoopback(true) in development and shows the balance on hover", async () => {
    const user = userEvent.setup();
    await openShop();
    expect(twitch.fakeBits.loopback).toEqual([true]);
    await user.hover(buyButton(/Mega Hype/));
    expect(twitch.fakeBits.balanceShown).toBeGreaterThanOrEqual(1);
  });
});

describe("a purchase", () => {
  it("opens Twitch's confirmation, sends the receipt with the viewer's token, and shows the chat line", async () => {
    const user = userEvent.setup();
    const token = await openShop();
    ebs.answer(
      bitsAcceptedAnswer("a-9"),
      statusAnswer({ actionId: "a-9", status: "sent", text: "Ana cheered 500 Bits: Mega Hype! 🎉" }),
    );

    await user.click(buyButton(/Mega Hype/));
    expect(twitch.fakeBits.used).toEqual(["mega-hype"]);
    expect(shown()).toBe("Confirm the purchase in Twitch's window…");
    expect(buyButton(/Mega Hype/)).toBeDisabled();

    act(() => twitch.fakeBits.complete({ transactionReceipt: "receipt.jwt.sig" }));

    expect(await within(shop()).findByText("Announced in chat!")).toBeVisible();
    expect(within(shop()).getByText("Ana cheered 500 Bits: Mega Hype! 🎉")).toBeVisible();
    expect(bitsPosts()).toEqual([
      expect.objectContaining({
        method: "POST",
        authorization: `Bearer ${token}`,
        body: JSON.stringify({ transactionReceipt: "receipt.jwt.sig" }),
      }),
    ]);
    expect(ebs.requests.at(-1)?.path).toBe("/api/actions/a-9");
    expect(shopAnnouncement()).toBe("Announced in chat! Ana cheered 500 Bits: Mega Hype! 🎉");
    expect(buyButton(/Mega Hype/)).toBeEnabled();
  });

  it("sends the receipt again when the EBS is briefly unavailable", async () => {
    await openShop();
    ebs.answer(errorAnswer(503, "twitch_unavailable"), bitsAcceptedAnswer("a-2", "known"));
    act(() => twitch.fakeBits.complete({ transactionReceipt: "r-2" }));
    await within(shop()).findByText("Announced in chat!", undefined, { timeout: 4_000 });
    expect(bitsPosts().map((r) => r.body)).toEqual([
      JSON.stringify({ transactionReceipt: "r-2" }),
      JSON.stringify({ transactionReceipt: "r-2" }),
    ]);
  });

  it("thanks the viewer and says chat messages are off when the EBS recorded the purchase without posting it", async () => {
    await openShop();
    ebs.answer(bitsUnpostedAnswer("recorded_chat_off"));
    act(() => twitch.fakeBits.complete({ transactionReceipt: "r-off" }));
    await waitFor(() =>
      expect(shown()).toBe("Thank you for your Bits!Chat messages are turned off for this channel."),
    );
    expect(shopAnnouncement()).toBe(
      "Thank you for your Bits! Chat messages are turned off for this channel.",
    );
    // Nothing to follow: no action exists, so no GET /api/actions/:id.
    expect(ebs.requests.map((r) => r.path)).not.toContainEqual(expect.stringMatching(/^\/api\/actions\//));
    expect(buyButton(/Mega Hype/)).toBeEnabled();
  });

  it("says the same, in Spanish, for a later report of a purchase recorded with chat off (known, no action)", async () => {
    await openShop({ search: "?language=es&locale=es-ES" });
    ebs.answer(errorAnswer(503, "twitch_unavailable"), bitsUnpostedAnswer("known"));
    act(() => twitch.fakeBits.complete({ transactionReceipt: "r-off-2" }));
    await waitFor(
      () =>
        expect(shown()).toBe("¡Gracias por tus Bits!Los mensajes de chat están desactivados en este canal."),
      { timeout: 4_000 },
    );
    expect(bitsPosts()).toHaveLength(2);
  });

  it("says Twitch is confirming the purchase when the EBS awaits Twitch's word for it", async () => {
    await openShop();
    ebs.answer(bitsUnpostedAnswer("pending_confirmation"));
    act(() => twitch.fakeBits.complete({ transactionReceipt: "r-pending" }));
    await waitFor(() =>
      expect(shown()).toBe(
        "Thank you! Twitch is confirming your purchase.Chat still hears of it once Twitch tells the server. No need to buy again.",
      ),
    );
    expect(bitsPosts()).toHaveLength(1);
    expect(buyButton(/Small Cheer/)).toBeEnabled();
  });

  it("says a cancelled purchase spent nothing", async () => {
    const user = userEvent.setup();
    await openShop();
    await user.click(buyButton(/Small Cheer/));
    act(() => twitch.fakeBits.cancel());
    expect(shown()).toBe("Purchase cancelled.No Bits were spent.");
    expect(shopAnnouncement()).toBe("Purchase cancelled. No Bits were spent.");
    expect(bitsPosts()).toEqual([]);
    expect(buyButton(/Small Cheer/)).toBeEnabled();
  });

  it("says so in the viewer's words when the EBS refuses the receipt, and does not send it again", async () => {
    await openShop();
    ebs.answer(errorAnswer(400, "receipt_user_mismatch"));
    act(() => twitch.fakeBits.complete({ transactionReceipt: "r-3" }));
    await waitFor(() =>
      expect(shown()).toBe(
        "The extension could not announce your purchase.No need to buy again: Twitch keeps the record, and the streamer can check the extension.",
      ),
    );
    expect(bitsPosts()).toHaveLength(1);
  });

  it("shows another viewer's broadcast product as a short note and sends nothing", async () => {
    await openShop();
    act(() =>
      twitch.fakeBits.complete({
        initiator: "other",
        displayName: "Marta",
        transactionReceipt: "someone-elses",
      }),
    );
    expect(within(shop()).getByText("Marta cheered 500 Bits: Mega Hype")).toBeVisible();
    expect(bitsPosts()).toEqual([]);
  });

  it("speaks the viewer's language: prices, cancel and the note in German and Japanese", async () => {
    await openShop({ search: "?language=de&locale=de-DE" });
    expect(within(shop()).getByRole("heading")).toHaveTextContent("Bits einsetzen");
    act(() => twitch.fakeBits.cancel());
    expect(shown()).toBe("Kauf abgebrochen.Es wurden keine Bits ausgegeben.");
    act(() =>
      twitch.fakeBits.complete({
        initiator: "other",
        displayName: "Ana",
        product: frontendProduct("mega-hype", "Mega Hype", 1500),
        transactionReceipt: "x",
      }),
    );
    expect(within(shop()).getByText("Ana hat 1.500 Bits gecheert: Mega Hype")).toBeVisible();
    act(() => twitch.setContext({ language: "ja" }));
    await waitFor(() => expect(within(shop()).getByRole("heading")).toHaveTextContent("ビッツを使う"));
  });
});
