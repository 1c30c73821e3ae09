// Fic: Preview for AO3 through the page, as a writer opens it: the palette, a webview
// beside the story showing the form, and a screenshot of it for the README.

import { strict as assert } from 'node:assert';

/** The webview's document: VS Code nests it in an outer and an inner frame. */
function previewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Waits (20 s at most) until the preview's elements of these ids hold these texts; the
 * failure shows what they held last. */
async function assertPreviewShows(page, frame, expected) {
  const deadline = Date.now() + 20_000;
  let seen = {};
  while (Date.now() < deadline) {
    seen = {};
    for (const id of Object.keys(expected)) {
      const value = frame.locator(`#${id}`);
      seen[id] = (await value.count()) ? (await value.innerText()).trim() : '';
    }
    if (Object.keys(expected).every((id) => seen[id] === expected[id])) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(seen, expected);
}

export async function ao3PreviewChecks({ page, check, screenshot, rating }) {
  await check('Fic: Preview for AO3 opens from the palette', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill('>Fic: Preview for AO3');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Preview for AO3' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'AO3:' }).first().waitFor({ timeout: 20_000 });
  });

  await check(`the preview shows the form with Rating ${rating}`, async () => {
    const frame = previewFrame(page);
    const value = frame.locator('#f-rating');
    await value.waitFor({ timeout: 30_000 });
    const deadline = Date.now() + 20_000;
    let seen = '';
    while (Date.now() < deadline) {
      seen = (await value.innerText()).trim();
      if (seen === rating) break;
      await page.waitForTimeout(100);
    }
    assert.equal(seen, rating);
    assert.ok(await frame.locator('button', { hasText: 'Copy HTML' }).isVisible(), 'a Copy HTML button');
    const paragraphs = await frame.locator('article.chapter p').count();
    assert.ok(paragraphs > 2, `the chapter is drawn as paragraphs (${paragraphs})`);
  });

  await check(`a screenshot of the preview is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
}

/** With the preview open: a later chapter of a work (open in a tab, its first chapter not)
 * shows the work's Rating and its place in the work. */
export async function ao3ChapterChecks({ page, check, work, rating, screenshot }) {
  const second = work.chapters[1];
  const name = second.file.split('/').pop();
  await check(`the preview of ${name} shows the work's Rating ${rating} and Chapter 2 of ${work.chapters.length}`, async () => {
    await page.locator('.tabs-container .tab', { hasText: name }).first().click();
    const frame = previewFrame(page);
    const expected = { 'f-chapterNumber': `Chapter 2 of ${work.chapters.length}`, 'f-rating': rating, 'f-title': work.title, 'f-chapterTitle': second.title };
    await assertPreviewShows(page, frame, expected);
  });
  await check(`a screenshot of the chapter's preview is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
}

/** With the preview open: a file of several chapter headings, the cursor moved into its
 * second chapter, shows that chapter (`Chapter 2 of 2`, its title and text). */
export async function ao3SeveralChaptersChecks({ page, check, file, screenshot }) {
  await check(`the preview of ${file} follows the cursor into Chapter 2 of 2`, async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(file);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: file }).first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const frame = previewFrame(page);
    const expected = { 'chapter-heading': 'Work Text: Chapter 2 of 2, Dark', 'f-chapterNumber': 'Chapter 2 of 2', 'f-chapterTitle': 'Dark' };
    await assertPreviewShows(page, frame, expected);
    assert.doesNotMatch(await frame.locator('article.chapter').innerText(), /Chapter 2|The light went down/, 'only chapter 2, without its heading');
  });
  await check(`a screenshot of the preview of a file of several chapters is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
}
