// Browser test of optlab's notebooks and static tutorial site, with Debian's
// chromium driven by playwright-core (no browser download).
//
//   node tests/browser/run.js [NOTEBOOK.ipynb ...]     (names in notebooks/)
//   BROWSER_NOTEBOOKS="00-start-here.ipynb 01-golden-section.ipynb" node tests/browser/run.js
//
// For each notebook: starts Jupyter Notebook the way scripts/start.sh does
// (headless, a free port, a known token, on notebooks/), opens it, runs all
// its cells (Cell > Run All), moves the first slider of an nbshow.Interact
// cell and checks its plot changed, clicks its Done button, waits for the
// kernel to be idle, then checks: no error output, no "panic:"/"nbshow:" on
// stderr, no MathJax error, every image loaded. Saves a screenshot in
// tests/browser/artifacts/. A notebook whose widget never connects (a lost
// GoNB round trip) is run once more before it counts as failed. Then opens
// the static site (tutorial/*.html, from
// file://): every local link and image resolves, every image loads, no
// MathJax error. Jupyter is stopped whatever happens. Last line:
// "browser: N passed, M failed".
'use strict';
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const REPO = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(__dirname, 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RUN_TIMEOUT = 1000 * Number(process.env.BROWSER_NB_TIMEOUT || 600);

// The notebooks to run, as paths under notebooks/: the arguments, else
// BROWSER_NOTEBOOKS, else every git-tracked notebook (chapters and
// solutions), so that a student's own notebook never breaks the test.
function trackedNotebooks() {
  const out = require('child_process').execFileSync('git', ['-C', REPO, 'ls-files', '--', 'notebooks/*.ipynb', 'notebooks/**/*.ipynb'], { encoding: 'utf8' });
  return [...new Set(out.split('\n').filter(Boolean).map(f => f.replace(/^notebooks\//, '')))].sort();
}
let notebooks = process.argv.slice(2);
if (!notebooks.length && process.env.BROWSER_NOTEBOOKS) notebooks = process.env.BROWSER_NOTEBOOKS.split(/\s+/).filter(Boolean);
if (!notebooks.length) notebooks = trackedNotebooks();
// Two notebooks at a time: GoNB compiles each cell, and the machine has two cores.
const PARALLEL = Math.max(1, Number(process.env.BROWSER_PARALLEL || 2));

const results = [];
function record(name, problems) {
  results.push({ name, problems });
  console.log(`${problems.length ? 'FAIL' : 'PASS'} ${name}`);
  for (const p of problems) console.log('  ' + p);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

async function startJupyter() {
  // Trusted, as start.sh leaves them: saved outputs show.
  spawn('/usr/bin/python3', ['-m', 'nbformat.sign', ...notebooks.map(nb => path.join(REPO, 'notebooks', nb))], { stdio: 'ignore' });
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const args = ['notebook', `--notebook-dir=${path.join(REPO, 'notebooks')}`, '--ip=127.0.0.1', `--port=${port}`,
    '--no-browser', `--NotebookApp.token=${token}`, '--port-retries=0'];
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  const log = fs.openSync(path.join(ARTIFACTS, 'jupyter.log'), 'w');
  const proc = spawn('/usr/bin/jupyter', args, { stdio: ['ignore', log, log], detached: true, env: process.env });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`jupyter exited (${proc.exitCode}); see ${ARTIFACTS}/jupyter.log`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch (e) { /* not up yet */ }
    if (Date.now() - t0 > 60000) throw new Error('jupyter did not start within 60 s');
    await new Promise(r => setTimeout(r, 300));
  }
  return { proc, url, token };
}

function stopJupyter(j) {
  if (!j || j.proc.exitCode !== null) return;
  try { process.kill(-j.proc.pid, 'SIGTERM'); } catch (e) { /* gone */ }
}

// Problems visible in a page: MathJax errors and broken images.
async function pageProblems(page, scope) {
  return page.evaluate((scope) => {
    const probs = [];
    const root = document.querySelector(scope) || document;
    const mj = root.querySelectorAll('.MathJax_Error, merror, .mjx-merror');
    if (mj.length) probs.push(`${mj.length} MathJax error(s): ${[...mj].map(e => e.textContent).join(' | ').slice(0, 200)}`);
    if ((root.textContent || '').includes('Math Processing Error')) probs.push('"Math Processing Error" in the page');
    for (const img of root.querySelectorAll('img')) {
      if (!img.complete || img.naturalWidth === 0) probs.push(`image not loaded: ${img.src.slice(0, 80)}`);
    }
    return probs;
  }, scope);
}

async function waitMathJax(page) {
  await page.waitForFunction(() => !window.MathJax || (window.MathJax.Hub && window.MathJax.isReady), null, { timeout: 30000 }).catch(() => {});
  await page.evaluate(() => new Promise(res => {
    if (window.MathJax && window.MathJax.Hub) window.MathJax.Hub.Queue(res); else res();
  }));
}

async function testNotebook(browser, j, nb) {
  const problems = [];
  let stalled = false; // a widget never connected (see testNotebookRetrying)
  const page = await browser.newPage();
  const t0 = Date.now();
  try {
    await page.goto(`${j.url}/notebooks/${nb.split('/').map(encodeURIComponent).join('/')}?token=${j.token}`);
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel &&
      Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel_selector, null, { timeout: 60000 });
    // Cell > Run All; note when the setup cell and the first Go cell have
    // run: what a student waits for at first.
    await page.click('#celllink');
    await page.click('#run_all_cells');
    const tRun = Date.now();
    await page.waitForFunction(() => {
      // The first Go cell after the setup cell (%goworkfix): GoNB compiles it.
      const c = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && !c.get_text().includes('%goworkfix'));
      return c && typeof c.input_prompt_number === 'number';
    }, null, { timeout: RUN_TIMEOUT, polling: 100 }).then(
      () => console.log(`  ${nb}: first Go cell done ${((Date.now() - tRun) / 1000).toFixed(1)} s after Run All`),
      () => {});
    // An nbshow.Interact cell: move its first slider, the plot must change, then Done.
    const nInteract = await page.evaluate(() => Jupyter.notebook.get_cells()
      .filter(c => c.cell_type === 'code' && c.get_text().includes('nbshow.Interact(')).length);
    for (let k = 0; k < nInteract; k++) {
      const cell = page.locator('.cell').filter({ has: page.locator('.nbshow-slider input[type=range]') }).first();
      const slider = cell.locator('.nbshow-slider input[type=range]').first();
      // The sliders, or Interact's message that they did not connect.
      const seen = await page.waitForFunction(() => document.querySelector('.nbshow-slider input[type=range]') ? 'slider' :
        [...document.querySelectorAll('.output_stdout, .output_text')].some(e => e.textContent.includes('the sliders did not connect')) ? 'fallback' : false,
      null, { timeout: RUN_TIMEOUT, polling: 250 }).then(h => h.jsonValue());
      if (seen === 'fallback') {
        stalled = true;
        throw new Error(`widget ${k + 1} never connected: Interact fell back to its initial frame`);
      }
      await slider.waitFor({ timeout: 30000 });
      // Interact marks its block once it listens to every slider and to Done.
      const tReady = Date.now();
      const ok = await cell.locator('.nbshow-ready').waitFor({ state: 'attached', timeout: 90000 }).then(() => true, () => false);
      if (!ok) {
        stalled = true;
        throw new Error(`widget ${k + 1} never connected: its sliders appeared but Interact did not start listening within 90 s`);
      }
      console.log(`  ${nb}: widget ${k + 1} listening ${((Date.now() - tReady) / 1000).toFixed(1)} s after its slider appeared`);
      const img = cell.locator('figure.nbshow-figure img').first();
      await img.waitFor({ timeout: 30000 });
      const before = await img.getAttribute('src');
      const max = Number(await slider.getAttribute('max'));
      const val = Number(await slider.inputValue());
      await slider.fill(String(val === max ? 0 : max));
      // GoNB replaces the image's element on each redraw: query it afresh.
      let changed = false;
      for (const t1 = Date.now(); !changed && Date.now() - t1 < 90000;) {
        await page.waitForTimeout(250);
        changed = (await img.getAttribute('src').catch(() => before)) !== before;
      }
      if (!changed) problems.push('moving the slider did not change the plot');
      await page.screenshot({ path: path.join(ARTIFACTS, nb.replace(/\.ipynb$/, '').replace(/\//g, '_') + '-slider.png'), fullPage: false });
      await cell.locator('button', { hasText: 'Done' }).click({ timeout: 90000 });
      await cell.locator('.nbshow-slider').first().waitFor({ state: 'detached', timeout: 90000 });
    }
    // Every code cell ran, and the kernel is idle.
    await page.waitForFunction(() => Jupyter.notebook.get_cells().every(c => c.cell_type !== 'code' ||
      typeof c.input_prompt_number === 'number') &&
      document.querySelector('#kernel_indicator_icon.kernel_idle_icon'), null, { timeout: RUN_TIMEOUT, polling: 500 });
    await waitMathJax(page);
    const out = await page.evaluate((solutions) => {
      const probs = [];
      const errs = document.querySelectorAll('.output_error');
      if (errs.length) probs.push(`${errs.length} error output(s): ${[...errs].map(e => e.textContent.trim()).join(' | ').slice(0, 300)}`);
      // GoNB's compile-error report, and what a failing Go program writes
      // (the same rules as scripts/check_notebooks.py).
      const gonbErr = document.querySelectorAll('[class*="gonb-err"]');
      if (gonbErr.length) probs.push(`GoNB compile error: ${gonbErr[0].textContent.trim().slice(0, 300)}`);
      for (const e of document.querySelectorAll('.output_stderr')) {
        const t = e.textContent;
        if (/^panic: |^fatal error: |^goroutine \d+ \[|^exit status \d+\s*$|GoNB Error|^nbshow: |^viz: |\.go:\d+:\d+: /m.test(t)) probs.push('stderr: ' + t.trim().slice(0, 300));
      }
      // A chapter shows at least one figure; an exercise checker that
      // prints FAIL in a solutions notebook is a failure.
      const imgs = document.querySelectorAll('#notebook .output_area img, #notebook .output_area svg');
      if (!solutions && imgs.length === 0) probs.push('no image output in the whole notebook');
      if (solutions) {
        for (const e of document.querySelectorAll('.output_stdout, .output_text')) {
          if (/^FAIL\b/m.test(e.textContent)) probs.push('a checker says FAIL: ' + e.textContent.trim().slice(0, 200));
        }
      }
      return probs;
    }, nb.startsWith('solutions/'));
    problems.push(...out, ...await pageProblems(page, '#notebook'));
  } catch (e) {
    problems.push(String(e.message || e).split('\n')[0]);
  } finally {
    await page.screenshot({ path: path.join(ARTIFACTS, nb.replace(/\.ipynb$/, '').replace(/\//g, '_') + '.png'), fullPage: true }).catch(() => {});
    // Leave the kernel stopped, the notebook unsaved.
    await page.evaluate(() => { Jupyter.notebook.set_dirty(false); return Jupyter.notebook.session.delete(); }).catch(() => {});
    await page.close();
  }
  return { name: `notebook ${nb} (${((Date.now() - t0) / 1000).toFixed(1)}s)`, problems, stalled };
}

// testNotebookRetrying runs testNotebook and records its result. GoNB's widget
// builders wait for a first message from the browser; under load that
// round trip has been seen to get lost, and Interact then falls back to a
// static frame. Such a notebook is run a second time (said in the log), and
// only a second stall, or any other problem, is a failure.
async function testNotebookRetrying(browser, j, nb) {
  let r = await testNotebook(browser, j, nb);
  if (r.stalled) {
    console.log(`  ${nb}: ${r.problems.join('; ')}; running it once more`);
    r = await testNotebook(browser, j, nb);
  }
  record(r.name, r.problems);
}

async function testSite(browser, pages) {
  const dir = path.join(REPO, 'tutorial');
  for (const name of pages) {
    const problems = [];
    const file = path.join(dir, name);
    const page = await browser.newPage();
    try {
      if (!fs.existsSync(file)) throw new Error(`tutorial/${name} does not exist`);
      await page.goto('file://' + file);
      await waitMathJax(page);
      const refs = await page.evaluate(() => [...document.querySelectorAll('a[href], img[src], link[href]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src')));
      for (const ref of refs) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('#')) continue;
        const target = path.join(dir, decodeURIComponent(ref.split(/[#?]/)[0]));
        if (!fs.existsSync(target)) problems.push(`broken link: ${ref}`);
      }
      const hasMath = await page.evaluate(() => /\$|\\\(/.test(document.querySelector('main').textContent));
      if (hasMath && !(await page.evaluate(() => !!(window.MathJax && window.MathJax.Hub)))) problems.push('MathJax did not load');
      problems.push(...await pageProblems(page, 'main'));
      if (name !== 'index.html') await page.screenshot({ path: path.join(ARTIFACTS, 'site-' + name.replace(/\.html$/, '.png')), fullPage: true });
    } catch (e) {
      problems.push(String(e.message || e).split('\n')[0]);
    } finally {
      await page.close();
    }
    record(`site ${name}`, problems);
  }
}

(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  let j, browser;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'optlab-chromium-'));
  const t0 = Date.now();
  try {
    // A fresh profile (--user-data-dir) each run: a persistent context in a temp dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1200, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    });
    j = await startJupyter();
    const queue = [...notebooks];
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      for (let nb; (nb = queue.shift()) !== undefined;) await testNotebookRetrying(browser, j, nb);
    }));
    stopJupyter(j);
    // Every chapter page of the site (solutions have none).
    const chapters = fs.readdirSync(path.join(REPO, 'tutorial')).filter(f => /^\d\d-.*\.html$/.test(f)).sort();
    await testSite(browser, ['index.html', ...chapters]);
  } catch (e) {
    record('setup', [String(e.message || e).split('\n')[0]]);
  } finally {
    stopJupyter(j);
    if (browser) await browser.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const failed = results.filter(r => r.problems.length).length;
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)}s; screenshots in tests/browser/artifacts/)`);
  const nbs = results.filter(r => r.name.startsWith('notebook '));
  const nbFailed = nbs.filter(r => r.problems.length).length;
  console.log(`browser: ${results.length - failed} passed, ${failed} failed`);
  // The closing line CI reads: notebooks run in the browser.
  console.log(`notebooks: ${nbs.length - nbFailed} passed, ${nbFailed} failed`);
  process.exit(failed ? 1 : 0);
})();
