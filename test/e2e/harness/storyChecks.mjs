// What a writer sees, checked through the page itself: open a story from the Explorer, read
// the word count in the status bar, type and watch it change, see the squiggle under the
// stale Word Count, get the ratings with Ctrl+Space after `Rating: `, then bring the Word
// Count up to date so the screenshot shows a quiet page. And a new, empty story's hint.

import { strict as assert } from 'node:assert';

const WORD_COUNT_ITEM = '[id="ficwriter.fic-writer.fic.wordCount"]';
const RATINGS = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated', 'K', 'K+', 'T', 'M', 'MA', 'G', 'PG', 'PG-13', 'R', 'NC-17'];

/** Wait until `probe` returns a truthy value; the error says what it last saw. */
export async function until(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe().catch((error) => `error: ${error.message}`);
    if (last && !(typeof last === 'string' && last.startsWith('error: '))) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function statusText(page) {
  const item = page.locator(WORD_COUNT_ITEM);
  return (await item.count()) ? (await item.first().innerText()).trim() : '';
}

async function waitForStatus(page, expected) {
  let seen = '';
  try {
    await until(`status bar "${expected}"`, async () => {
      seen = await statusText(page);
      return seen === expected;
    });
  } catch {
    assert.fail(`the word count in the status bar should read "${expected}", it reads "${seen}"`);
  }
}

/** The editor line showing `text`, as a locator. */
export function viewLine(page, text) {
  return page.locator('.monaco-editor .view-lines .view-line', { hasText: text }).first();
}

export async function openFromExplorer(page, file) {
  // The Explorer, not Quick Open: a late Welcome page or view can take Quick Open's focus.
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  const tab = page.locator('.tabs-container .tab.active', { hasText: file });
  for (let attempt = 1; ; attempt++) {
    await row.click({ timeout: 30_000 });
    try {
      await tab.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/** Screen rectangles of `needle` inside the editor line that shows it. */
async function textBox(page, lineText, needle) {
  return viewLine(page, lineText).evaluate((line, needle) => {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }
    return null;
  }, needle);
}

/** The Explorer's Fic Works section (its header and its rows). */
function worksPane(page) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Fic Works' }) }).first();
}

async function squiggleBoxes(page) {
  return page.locator('.monaco-editor .squiggly-warning').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}

async function suggestionLabels(page) {
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  return rows.evaluateAll((els) => els.map((e) => e.querySelector('.label-name')?.textContent?.trim() ?? e.getAttribute('aria-label') ?? ''));
}

/**
 * The checks, in the order a writer meets them. `story` and `typed` come from
 * test/e2e/expected.ts; `screenshot` is where the final view is saved.
 */
/** @param fresh nothing has been opened in this window yet. */
export async function storyChecks({ page, check, story, typed, work, screenshot, fresh = false }) {
  const total = story.words.whitespace;
  await check('the workbench loads', () => page.locator('.monaco-workbench').waitFor({ timeout: 60_000 }));
  if (work && fresh) {
    // A folder of stories wakes the extension with the window: before any story is opened
    // (and without a click on the view, which would wake it too), Fic Works' header
    // carries the folder's total, which only the running language server can give it.
    await check('before any story is opened, the Fic Works header shows the folder\'s total', async () => {
      const pane = worksPane(page);
      const header = pane.locator('.pane-header');
      await header.waitFor({ timeout: 20_000 });
      // textContent: a collapsed pane keeps its description but does not show it.
      const total = header.locator('.description');
      await until('a total in the Fic Works header', async () => (await total.count()) > 0 && /^[\d,]+ words$/.test(((await total.textContent()) ?? '').trim()), 30_000);
      assert.equal(await page.locator('.tabs-container .tab').count(), 0, 'a tab was open');
      // Then opened, for the picture: the works are listed before any story is opened.
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      await until(`${work.title} in Fic Works`, async () => (await pane.locator('.monaco-list-row', { hasText: work.title }).count()) > 0);
      await page.screenshot({ path: screenshot.replace(/\.png$/, '-at-start.png') });
    });
  }
  await check(`${story.file} opens from the Explorer`, () => openFromExplorer(page, story.file));

  await check('the language mode is Fic', async () => {
    // Plain Text first, until the extension's language contribution is read.
    let mode = '';
    await until('language mode Fic', async () => {
      mode = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
      return mode === 'Fic';
    }).catch(() => assert.fail(`the language mode should be Fic, it is "${mode}"`));
  });

  await check(`the status bar counts ${total} words`, () => waitForStatus(page, `${total} words`));

  await check(`the warning squiggle sits under the stale Word Count (${story.declared})`, async () => {
    assert.ok(await textBox(page, 'Word Count:', story.declared), `no "${story.declared}" on the Word Count line`);
    await until('a squiggle under the Word Count', async () => {
      // Both measured at each look: the editor's lines move down when the breadcrumbs
      // (the story's outline) arrive, which may be after the count is shown.
      const number = await textBox(page, 'Word Count:', story.declared);
      if (!number) return false;
      const boxes = await squiggleBoxes(page);
      // Same screen row as the number (a squiggle is drawn just under the text) and overlapping it.
      return boxes.some((b) => b.top >= number.top - 2 && b.top <= number.bottom + 2 && b.left < number.right && b.right > number.left);
    });
  });

  await check(`typing in the story updates the count to ${total + typed.words}`, async () => {
    await viewLine(page, typed.after).click();
    await page.keyboard.press('End');
    await page.keyboard.type(typed.text, { delay: 10 });
    await waitForStatus(page, `${total + typed.words} words`);
  });

  await check('typing ": " after Rating lists every rating, no Ctrl+Space needed', async () => {
    // The colon opens the list; the space after it is no trigger character (a writer types
    // one every few keys in the body) and must not empty the list either.
    await viewLine(page, 'Rating:').click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Rating'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+End');
    await page.keyboard.type(': ', { delay: 50 });
    await until('the list after the space', async () => page.locator('.monaco-editor .view-line', { hasText: /^Rating:\s*$/ }).count());
    const labels = await suggestionLabels(page);
    const expected = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'];
    assert.deepEqual(expected.filter((l) => !labels.includes(l)), [], `missing from the list: ${JSON.stringify(labels)}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-colon-list.png') });
    await page.keyboard.press('Escape');
    // Back to the fixture's own rating for the checks after, and the screenshot.
    await until('the rating restored by undo', async () => {
      if (await viewLine(page, 'Rating: General Audiences').count()) return true;
      await page.keyboard.press('Control+z');
      return false;
    });
  });

  await check('Ctrl+Space after "Rating: " lists the ratings', async () => {
    // Right after `Rating: `, before the value: the word being completed is empty, so every
    // rating is offered, and the header stays valid for the screenshot.
    await viewLine(page, 'Rating:').click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Rating: '.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Space');
    const labels = await suggestionLabels(page);
    const ratings = labels.filter((l) => RATINGS.includes(l));
    assert.ok(ratings.length >= 3, `expected ratings in the list, got ${JSON.stringify(labels)}`);
    assert.ok(ratings.includes('General Audiences') || ratings.includes('Teen And Up Audiences'), `no AO3 rating among ${JSON.stringify(labels)}`);
  });

  if (work) {
    await check(`the Fic Works view lists ${work.title} with ${work.words} words, chapters in order`, async () => {
      const pane = worksPane(page);
      await pane.waitFor({ timeout: 20_000 });
      const header = pane.locator('.pane-header');
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const row = pane.locator('.monaco-list-row', { hasText: work.title }).first();
      await until(`${work.title} in Fic Works`, async () => ((await row.count()) ? (await row.innerText()).includes(`${work.words} words`) : false));
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      // The view is short and renders only the rows in sight: the first two chapters (the
      // in-host suite checks every chapter through the view's data).
      for (const c of work.chapters.slice(0, 2)) {
        await until(`chapter ${c.title}`, async () => (await pane.locator('.monaco-list-row', { hasText: c.title }).count()) > 0);
      }
    });

    const second = work.chapters[1];
    await check(`a click on "${second.title}" in Fic Works opens it; the status bar shows the chapter and the work`, async () => {
      const pane = worksPane(page);
      // Other works (the untitled story the empty-story check gave a header) can push the
      // chapter to the bottom edge of the short view, half hidden: scroll the list first,
      // as a writer would, so the click lands on the chapter and not the row above it.
      await pane.locator('.monaco-list').first().hover();
      await page.mouse.wheel(0, 400);
      const chapterRow = pane.locator('.monaco-list-row', { hasText: `2. ${second.title}` }).first();
      await until(`chapter ${second.title} in sight`, async () => {
        const [rowBox, listBox] = await Promise.all([chapterRow.boundingBox(), pane.locator('.monaco-list').first().boundingBox()]);
        return rowBox && listBox && rowBox.y + rowBox.height <= listBox.y + listBox.height + 1;
      });
      await chapterRow.click();
      await page.locator('.tabs-container .tab.active', { hasText: second.file.split('/').pop() }).waitFor({ timeout: 15_000 });
      const expected = `${second.words} words · ${work.words} in work`;
      let seen = '';
      await until(`status bar "${expected}"`, async () => {
        // Figure spaces pad the item to a steady width.
        seen = (await statusText(page)).replace(/\u2007/g, '').trim();
        return seen === expected;
      }).catch(() => assert.fail(`the status bar should read "${expected}", it reads "${seen}"`));
      await page.screenshot({ path: screenshot.replace(/\.png$/, '-works.png') });
    });

    await check(`back to ${story.file}`, async () => {
      await page.locator('.tabs-container .tab', { hasText: story.file }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: story.file }).waitFor({ timeout: 15_000 });
      // The tab shows before the status item follows it (it read the chapter's count, then
      // nothing, for a moment): the next check reads the count from it.
      await waitForStatus(page, `${total + typed.words} words`);
    });
  }

  await check('the writer brings the Word Count up to date and the page goes quiet', async () => {
    await page.keyboard.press('Escape');
    await until('the completion list to close', async () => (await page.locator('.suggest-widget.visible').count()) === 0);
    const count = (await statusText(page)).replace(/ words?$/, '');
    const number = viewLine(page, 'Word Count:').locator('span', { hasText: story.declared }).last();
    await number.dblclick();
    await page.keyboard.type(count.replace(/,/g, ''), { delay: 10 });
    await until('no squiggle left on the page', async () => (await squiggleBoxes(page)).length === 0);
    // Back to the story, where the writer was: the cursor at the end of the last paragraph.
    await viewLine(page, typed.after).click();
    await page.keyboard.press('End');
    // The breadcrumbs follow the cursor a moment later: out of the header, into the story.
    await until('the breadcrumbs to leave the header', async () => !(await page.locator('.breadcrumbs-control').first().innerText()).includes('Header'));
  });

  await check(`a screenshot is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
}

/**
 * A new, empty story says how to start: the Insert header lens above its first line, which
 * inserts the header when clicked. `file` must be an empty .fic in the workspace.
 */
export async function emptyStoryChecks({ page, check, file, screenshot }) {
  await check(`${file} (empty) opens from the Explorer`, async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await openFromExplorer(page, file);
  });
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'insert a header' }).first();
  await check('an empty story shows "Start your story: insert a header"', () => lens.waitFor({ timeout: 20_000 }));
  if (screenshot) await check(`a screenshot is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
  await check('clicking it writes the header, and the hint goes', async () => {
    await lens.click();
    await viewLine(page, 'Title:').waitFor({ timeout: 15_000 });
    await until('the hint to go', async () => (await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'insert a header' }).count()) === 0);
    await page.keyboard.press('Escape');
  });
}

/** The installed extension's tile in the Extensions view shows its icon, not a blank square. */
export async function extensionTileChecks({ page, check, screenshot }) {
  await check('the Extensions view shows Fic Writer with its icon', async () => {
    await page.keyboard.press('Control+Shift+X');
    const tile = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Fic Writer' }).first();
    await tile.waitFor({ timeout: 30_000 });
    await until('the icon image to load', () =>
      tile.locator('img.icon').evaluate((img) => img.complete && img.naturalWidth >= 128 && /icon\.png/.test(img.src)),
    );
    if (screenshot) await page.screenshot({ path: screenshot });
  });
}
