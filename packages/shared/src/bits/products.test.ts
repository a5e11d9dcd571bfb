import { describe, expect, it } from "vitest";
import { BITS_CATALOGUE } from "./catalogue.ts";
import { buildBitsChatText, defineBitsCatalogue } from "./catalogue-rules.ts";
import {
  type BitsProduct,
  bitsDomainFor,
  bitsProductActive,
  bitsProductSchema,
  fromHelixBitsProduct,
  isValidSku,
  skuProblem,
  toFrontendBitsProduct,
  toHelixBitsProduct,
} from "./products.ts";

const product: BitsProduct = {
  sku: "mega-hype",
  displayName: "Mega Hype",
  cost: 500,
  inDevelopment: true,
  broadcast: true,
};

describe("SKU rules", () => {
  it("accepts letters, digits, -, _ and . up to 255 characters", () => {
    for (const sku of ["a", "Mega_Hype-2.0", "x".repeat(255)]) expect(isValidSku(sku)).toBe(true);
  });

  it("refuses an empty SKU, one too long, other characters and a number, each in a sentence", () => {
    expect(skuProblem("")).toMatch(/empty/);
    expect(skuProblem("x".repeat(256))).toBe("The SKU is 256 characters long; Twitch takes at most 255.");
    expect(skuProblem("mega hype")).toBe(
      'The SKU "mega hype" has " ": Twitch allows only letters, digits, -, _ and . in a SKU.',
    );
    expect(skuProblem("hype/1")).toMatch(/"\/"/);
    expect(skuProblem("héllo")).toMatch(/"é"/);
    expect(skuProblem(42)).toBe("A SKU is a string, got number 42.");
    expect(skuProblem(undefined)).toBe("A SKU is a string, got nothing.");
    expect(isValidSku(42)).toBe(false);
  });
});

describe("the product schema and its shapes", () => {
  it("takes a product and an optional RFC 3339 expiration; refuses a fractional or zero cost", () => {
    expect(bitsProductSchema.safeParse(product).success).toBe(true);
    expect(bitsProductSchema.safeParse({ ...product, expiration: "2030-01-01T00:00:00Z" }).success).toBe(
      true,
    );
    expect(bitsProductSchema.safeParse({ ...product, expiration: "soon" }).success).toBe(false);
    expect(bitsProductSchema.safeParse({ ...product, cost: 0 }).success).toBe(false);
    expect(bitsProductSchema.safeParse({ ...product, cost: 1.5 }).success).toBe(false);
    expect(bitsProductSchema.safeParse({ ...product, sku: "a b" }).success).toBe(false);
    expect(bitsProductSchema.safeParse({ ...product, extra: 1 }).success).toBe(false);
  });

  it("converts to Helix's snake_case shape and back, the empty expiration meaning none", () => {
    const wire = toHelixBitsProduct(product);
    expect(wire).toEqual({
      sku: "mega-hype",
      cost: { amount: 500, type: "bits" },
      in_development: true,
      display_name: "Mega Hype",
      expiration: "",
      is_broadcast: true,
    });
    expect(fromHelixBitsProduct(wire)).toEqual(product);
    const expiring = { ...product, expiration: "2030-01-01T00:00:00Z" };
    expect(fromHelixBitsProduct(toHelixBitsProduct(expiring))).toEqual(expiring);
  });

  it("gives frontends the amount as a string, and inDevelopment only before release", () => {
    expect(toFrontendBitsProduct(product, { released: false })).toEqual({
      sku: "mega-hype",
      displayName: "Mega Hype",
      cost: { amount: "500", type: "bits" },
      inDevelopment: true,
    });
    expect(toFrontendBitsProduct(product, { released: true })).not.toHaveProperty("inDevelopment");
  });

  it("names the product domain and says whether an expiration has passed", () => {
    expect(bitsDomainFor("abc")).toBe("twitch.ext.abc");
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(bitsProductActive({}, now)).toBe(true);
    expect(bitsProductActive({ expiration: "2026-03-01T12:00:01Z" }, now)).toBe(true);
    expect(bitsProductActive({ expiration: "2026-03-01T12:00:00Z" }, now)).toBe(false);
  });
});

describe("the catalogue", () => {
  it("holds the repository's products, Mega Hype at 500 Bits among them", () => {
    expect(BITS_CATALOGUE.bySku("mega-hype")?.product.cost).toBe(500);
    expect(BITS_CATALOGUE.products().map((p) => p.sku)).toEqual(["mega-hype", "small-cheer", "test-cheer"]);
    expect(BITS_CATALOGUE.bySku("nope")).toBeUndefined();
  });

  it("refuses a product that breaks Twitch's rules, a SKU twice, and a bad chat template", () => {
    expect(() =>
      defineBitsCatalogue([{ product: { ...product, sku: "a b" }, chatTemplate: "{viewer}" }]),
    ).toThrow(/Bits product #1 \("a b"\): sku/);
    expect(() =>
      defineBitsCatalogue([
        { product, chatTemplate: "{viewer}" },
        { product, chatTemplate: "{viewer}" },
      ]),
    ).toThrow(/#2 \("mega-hype"\): the SKU is listed twice/);
    expect(() => defineBitsCatalogue([{ product, chatTemplate: "{who} paid" }])).toThrow(
      /\{who\} is not a placeholder/,
    );
    expect(() => defineBitsCatalogue([{ product, chatTemplate: "  " }])).toThrow(/empty/);
    expect(() => defineBitsCatalogue([{ product, chatTemplate: `{viewer} ${"x".repeat(260)}` }])).toThrow(
      /Twitch allows 280/,
    );
  });

  it("writes one purchase's message with the buyer, the Bits and the product", () => {
    const entry = BITS_CATALOGUE.bySku("mega-hype");
    expect(
      entry &&
        buildBitsChatText({
          template: entry.chatTemplate,
          buyer: { displayName: "Ana" },
          product: entry.product,
        }),
    ).toBe("Ana cheered 500 Bits: Mega Hype! 🎉");
    expect(
      buildBitsChatText({
        template: "{viewer} spent {bits}",
        buyer: {},
        product: { ...product, cost: 10000 },
      }),
    ).toBe("A viewer spent 10,000");
    expect(buildBitsChatText({ template: "Thanks {viewer}!", buyer: { displayName: "ana" }, product })).toBe(
      "Thanks ana!",
    );
  });
});
