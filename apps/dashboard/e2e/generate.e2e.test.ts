import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PAUSED_POLL_MS } from "../lib/job-status.js";
import { launchChromium } from "./chromium.js";
import { e2eEnv } from "./env.js";
import { startStack } from "./stack.js";
import type { TStack } from "./stack.js";

// Copy generation in Chromium against the built API, worker, Postgres and Redis: a merchandiser
// previews one product in three styles side by side and reads a claim's source on hover, then
// starts a small batch, pauses it (the run says PAUSED), resumes it and follows it to the end; a
// stored candidate shows its claims' sources in the review item.

const RUN_TIMEOUT_MS = 150_000;
// More products than one batch job takes (25), written slowly enough that a pause lands mid-run.
const BATCH_PRODUCTS = 30;
const BATCH_RATE = 3;

const COLOURS = ["红色", "黑色", "白色", "蓝色", "米色"];
const MATERIALS = ["雪纺", "棉", "真丝", "亚麻"];

describe("generation in Chromium", () => {
  let stack: TStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workDir: string;
  let db: pg.Client;
  let category: string;
  let previewSku: string;
  const pageErrors: string[] = [];

  // Products written straight into the stack's merchant: the import's own test covers importing.
  async function seedProducts(): Promise<void> {
    category = `e2e-gen-${stack.runId}`;
    previewSku = `GEN-${stack.runId}-00`.toUpperCase();
    for (let i = 0; i < BATCH_PRODUCTS; i++) {
      const sku = `GEN-${stack.runId}-${String(i).padStart(2, "0")}`.toUpperCase();
      const attributes = {
        类型: "裙",
        裙长: "连衣裙",
        颜色: COLOURS[i % COLOURS.length],
        材质: MATERIALS[i % MATERIALS.length],
        风格: "简约",
        裙领型: "v领",
      };
      const title = `${attributes.颜色}${attributes.材质}连衣裙 ${i}`;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO "Product" (id, "merchantId", sku, title, description, category, locale, attributes, "contentHash", "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $3, '', $4, 'zh-CN', $5, $6, now()) RETURNING id`,
        [
          stack.merchant.id,
          sku,
          title,
          category,
          JSON.stringify(attributes),
          createHash("sha256").update(sku).digest("hex"),
        ],
      );
      if (i === 0)
        await db.query(
          `INSERT INTO "ProductReview" (id, "productId", "externalId", author, rating, text)
           SELECT gen_random_uuid(), $1, 'e2e-' || n, a, 5, t FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(a, t, n)`,
          [rows[0]!.id, ["小李", "阿芳"], ["面料很舒服，穿着显瘦。", "做工很好，面料舒服，颜色也正。"]],
        );
    }
  }

  async function signInAsMerchandiser(): Promise<void> {
    await page.goto(`${stack.dashboardUrl}/login`);
    await page.getByTestId("login-email").fill(stack.users.merchandiser.email);
    await page.getByTestId("login-password").fill(stack.users.merchandiser.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/products$/);
  }

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), "truecopy-generate-shots-"));
    stack = await startStack();
    console.info(`generate e2e: failure screenshots in ${workDir}, service logs in ${stack.logDir}`);
    db = new pg.Client({ connectionString: e2eEnv().databaseUrl });
    await db.connect();
    await seedProducts();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    await context.addCookies([{ name: "tc_locale", value: "en", url: stack.dashboardUrl }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signInAsMerchandiser();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail")
      await page
        .screenshot({
          path: path.join(workDir, `failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}.png`),
        })
        .catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await db?.end();
    await stack?.stop();
  });

  it("previews one product's field for an audience in three styles side by side, a claim's source on hover", async () => {
    await page.getByRole("link", { name: "Generate" }).click();
    await page.waitForURL(/\/generate$/);
    await page.getByTestId("generate-product-search").fill(previewSku);
    const option = page.locator("ul.generate-products label", { hasText: previewSku });
    await option.waitFor();
    await option.getByRole("radio").check();
    await page.getByTestId("generate-field").selectOption("DESCRIPTION");
    await page.getByTestId("generate-audience").fill("时尚");
    await page.getByRole("button", { name: "Write three styles" }).click();

    const previews = page.getByTestId("generate-previews");
    await previews.waitFor();
    const columns = previews.locator("article");
    expect(await columns.count()).toBe(3);
    expect(await columns.locator("header strong").allTextContents()).toEqual(["VIVID", "CONCISE", "TECHNICAL"]);
    // Every column states facts of this product only, each marked with where it comes from.
    for (let i = 0; i < 3; i++) {
      const text = (await columns.nth(i).getByTestId("claim-text").textContent()) ?? "";
      expect(text).toContain("红色");
      expect(text).not.toMatch(/黑色|蓝色|白色/);
      expect(await columns.nth(i).locator(".claim-mark").count()).toBeGreaterThan(0);
    }

    const claim = columns.first().locator(".claim-mark", { hasText: "红色" }).first();
    const tip = claim.getByRole("tooltip");
    expect(await tip.isVisible()).toBe(false);
    await claim.hover();
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe("From the attribute “颜色”");
    expect(await claim.getAttribute("data-source")).toBe("attribute:颜色");
  });

  it("starts a small batch, pauses it (PAUSED), resumes it and follows the progress bar to the end", async () => {
    await page.getByTestId("generate-batch-category").fill(category);
    await page.getByTestId("generate-batch-rate").fill(String(BATCH_RATE));
    await page.getByRole("button", { name: "Start" }).click();

    const run = page.getByTestId("generate-run");
    await run.waitFor();
    await page.getByRole("button", { name: "Pause" }).click();
    await page.waitForSelector(`[data-testid="generate-run"][data-status="PAUSED"]`);
    expect(await run.locator(".status-badge").textContent()).toBe("Paused");
    const resume = page.getByRole("button", { name: "Resume" });
    await resume.waitFor();
    // A batch that was already writing when the pause came may finish (here the 5-product one);
    // the 25-product batch is parked at its next check and writes nothing until the resume.
    // Meanwhile the panel asks about the paused run at the slow pace, not every second.
    const runPolls: number[] = [];
    const countRunPoll = (request: { postData(): string | null }) => {
      if (request.postData()?.includes("query GenerationRun(")) runPolls.push(Date.now());
    };
    page.on("request", countRunPoll);
    await page.waitForTimeout(4_000);
    page.off("request", countRunPoll);
    expect(runPolls.length).toBeLessThanOrEqual(1);
    const { rows: paused } = await db.query<{ id: string; status: string; processed: number }>(
      `SELECT id, status, processed FROM "JobRun" WHERE queue = 'generate' AND "merchantId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [stack.merchant.id],
    );
    expect(paused[0]).toMatchObject({ status: "PAUSED" });
    expect(paused[0]!.processed).toBeLessThan(BATCH_PRODUCTS);
    expect(await run.getAttribute("data-status")).toBe("PAUSED");
    // A batch that finished after the pause shows at the next slow poll.
    await expect
      .poll(() => run.getByTestId("generate-counts").textContent(), { timeout: PAUSED_POLL_MS + 5_000 })
      .toMatch(new RegExp(`^${paused[0]!.processed}/${BATCH_PRODUCTS} products done`));
    // The jobs page (another tab) shows the run as paused too.
    const jobsTab = await context.newPage();
    await jobsTab.goto(`${stack.dashboardUrl}/jobs`);
    const listed = jobsTab.locator(`[data-testid="job-run"][data-job-id="${paused[0]!.id}"]`);
    await listed.waitFor();
    expect(await listed.getAttribute("data-status")).toBe("PAUSED");
    expect(await listed.locator(".status-badge").textContent()).toBe("Paused");
    await jobsTab.close();
    const dir = e2eEnv().screenshotsDir;
    if (dir !== null) {
      await page.mouse.move(0, 0);
      await page.locator("section", { has: run }).screenshot({ path: path.join(dir, "generate-paused.png") });
    }

    await resume.click();
    await page.waitForSelector(`[data-testid="generate-run"]:not([data-status="PAUSED"])`);
    await page.waitForSelector(`[data-testid="generate-run"][data-status="COMPLETED"]`, { timeout: RUN_TIMEOUT_MS });
    expect(await run.getByTestId("generate-progress").evaluate((e) => (e as HTMLProgressElement).value)).toBe(1);
    expect(await run.locator(".job-percent").textContent()).toBe("100%");
    const counts = (await run.getByTestId("generate-counts").textContent()) ?? "";
    const numbers = /(\d+)\/(\d+) products done · (\d+) offered for review · (\d+) blocked/.exec(counts);
    expect(numbers, counts).not.toBeNull();
    const [, done, total, offered, blocked] = numbers!.map(Number);
    expect(done).toBe(BATCH_PRODUCTS);
    expect(total).toBe(BATCH_PRODUCTS);
    // One DESCRIPTION in one style per product, each written once although its batch was paused.
    expect(offered! + blocked!).toBe(BATCH_PRODUCTS);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
       WHERE p.category = $1 AND v.origin = 'GENERATED'`,
      [category],
    );
    expect(rows[0]!.n).toBe(BATCH_PRODUCTS);

    // The picture for docs/screenshots: previews with a claim's source showing, the finished run.
    if (dir !== null) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      // A claim from the reviews, below the first line so its source does not hide the column's head.
      await page.getByTestId("generate-previews").locator('.claim-mark[data-source^="review:"]').first().focus();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(dir, "generate.png"), fullPage: true, animations: "disabled" });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it("shows a stored candidate's claims and their sources in the review item", async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT v.id FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
       WHERE p.sku = $1 AND v.origin = 'GENERATED' AND v.status = 'PENDING_REVIEW'`,
      [previewSku],
    );
    expect(rows).toHaveLength(1);
    await page.goto(`${stack.dashboardUrl}/review/${rows[0]!.id}`);
    const section = page.getByTestId("item-claims");
    await section.waitFor();
    const claim = section.locator(".claim-mark", { hasText: "红色" }).first();
    await claim.hover();
    await expect.poll(() => claim.getByRole("tooltip").isVisible()).toBe(true);
    expect(await claim.getByRole("tooltip").textContent()).toBe("From the attribute “颜色”");
    expect(pageErrors).toEqual([]);
  });
});
