import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { enqueue } from '../../src/platform/jobs/index.ts';
import { axeViolations, openBrowser } from './browser.ts';
import { publicPagePaths } from './page-paths.ts';
import { addQueuedResource, finishQueuedLoad } from './seed.ts';
import { createPortalApp, type PortalApp, signIn } from './web-app.ts';

describe('portal in Chromium', () => {
  let t: PortalApp;
  let base = '';
  let browser: { context: BrowserContext; close(): Promise<void> };
  before(async () => {
    t = await createPortalApp('sqlite');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('axe finds no WCAG 2.2 AA violations on any page type, in both languages', async () => {
    const page = await browser.context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    const paths = publicPagePaths(t.seed);
    for (const path of paths) {
      for (const prefix of ['', '/en']) {
        await page.goto(base + prefix + path);
        const v = await axeViolations(page);
        assert.deepEqual(v, [], `${prefix}${path}`);
      }
    }
    // The sysadmin's jobs page, signed in (a failed job shows its retry form).
    const failed = await enqueue(t.ctx.db, 'quality.check', {}, { maxAttempts: 1, priority: 100 });
    assert.equal((await t.ctx.jobs.runner.runOnce())?.id, failed.id);
    const root = await signIn(t.app, t.seed.sysadmin.name, t.seed.sysadmin.password);
    const session = root.cookie.split('=');
    await browser.context.addCookies([{ name: session[0] ?? '', value: session[1] ?? '', url: base }]);
    for (const prefix of ['', '/en']) {
      await page.goto(`${base}${prefix}/admin/jobs`);
      assert.equal(await page.locator('h1').textContent(), prefix ? 'Background jobs' : '背景工作');
      assert.deepEqual(await axeViolations(page), [], `${prefix}/admin/jobs`);
    }
    await browser.context.clearCookies();
    assert.deepEqual(cspErrors, []);
    await page.close();
  });

  test('keyboard only: skip link, search, filter, open a dataset, reach its download link', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.equal(skip, '跳到主要內容');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main$/);
    // From main, Tab reaches the search box.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'home-q');
    await page.keyboard.type('避難');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/datasets\?q=/);
    assert.match(String(await page.locator('.result-count').textContent()), /共 1 個資料集/);
    // Tab to the first facet checkbox and tick it with the space bar, then Apply.
    let guard = 0;
    while (
      (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) !== 'checkbox' &&
      guard++ < 40
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== '套用篩選' && guard++ < 80)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/organization=taitung|groups=|tags=|res_format=|license_id=|update_frequency=/);
    // Tab to the dataset link and open it.
    while (
      !(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '')).includes(
        '/datasets/taitung-shelters',
      ) &&
      guard++ < 160
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/datasets\/taitung-shelters$/);
    while (
      !(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).startsWith(
        '下載',
      ) &&
      guard++ < 260
    )
      await page.keyboard.press('Tab');
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
    assert.match(href, /636485953864564217\.csv$/);
    // Focus is always visible: the focused element has an outline.
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    assert.notEqual(outline, 'none');
    await page.close();
  });

  test('with JavaScript disabled the same journey works through links and forms', async () => {
    const nojs = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await nojs.context.newPage();
      await page.goto(`${base}/en/`);
      await page.fill('#home-q', 'shelter');
      await page.click('.search-form button[type=submit]');
      await page.waitForURL(/\/en\/datasets\?q=shelter/);
      await page.check('input[name="organization"][value="taitung"]');
      await page.click('text=Apply filters');
      await page.waitForURL(/organization=taitung/);
      assert.match(String(await page.locator('.result-count').textContent()), /1 dataset/);
      await page.click('text=臺東縣避難收容處所');
      await page.waitForURL(/\/en\/datasets\/taitung-shelters$/);
      await page.click('a[aria-label^="Preview"]');
      await page.waitForURL(/resources\//);
      assert.match(String(await page.locator('caption').first().textContent()), /rows 1–25 of 168/);
      assert.equal(await page.locator('#map').isHidden(), true);
      assert.ok((await page.locator('.map-fallback circle').count()) > 10);
      await page.click('th a:text("收容人數")');
      await page.waitForURL(/sort=/);
      assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);
      await page.click('a[rel="next"]');
      await page.waitForURL(/page=2/);
      assert.match(String(await page.locator('caption').first().textContent()), /rows 26–50 of 168/);
    } finally {
      await nojs.close();
    }
  });

  test('while a load runs the status line follows it without a reload, and is announced politely', async () => {
    const id = await addQueuedResource(t.ctx);
    const page = await browser.context.newPage();
    await page.goto(`${base}/en/datasets/village-income-106/resources/${id}`);
    const status = page.locator('[data-status-text]');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.match(String(await status.textContent()), /queued/);
    assert.deepEqual(await axeViolations(page), []);
    await finishQueuedLoad(t.ctx, id);
    await page.waitForFunction(
      () => document.querySelector('[data-status-text]')?.textContent === 'The data is loaded.',
      null,
      {
        timeout: 15_000,
      },
    );
    await page.click('a[data-status-link]');
    await page.waitForSelector('caption#data-caption');
    await page.close();
  });

  test('with JavaScript the map becomes an interactive Leaflet map', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${base}/datasets/taitung-shelters/resources/${t.seed.sheltersResourceId}`);
    await page.waitForSelector('#map.leaflet-container');
    assert.equal(await page.locator('#map-fallback').isHidden(), true);
    assert.ok((await page.locator('#map path.leaflet-interactive').count()) > 10);
    await page.close();
  });
});
