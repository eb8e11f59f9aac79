import type { Test } from 'tap'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../../scripts/lib/ports.js'
import type { Api } from '../helpers.js'

/*
 * What the browser tests share: Debian's Chromium driven by playwright-core (nothing downloaded), the app listening on
 * a free port, and phones at 360 px. Screenshots go to test-artifacts/web/.
 */
export const CHROMIUM = '/usr/bin/chromium'
export const OUT = join(import.meta.dirname, '..', '..', 'test-artifacts', 'web')
export const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (apt-get install chromium; .ci/run does) to run the browser tests`

/** The app on 127.0.0.1 and a headless Chromium; `phone()` opens a page in a context of its own (360 × 780, id-ID). Both close at the test's end. */
export async function phones (t: Test, api: Api): Promise<{ base: string, browser: Browser, phone: () => Promise<Page> }> {
  const { chromium } = await import('playwright-core')
  mkdirSync(OUT, { recursive: true })
  const port = await freePort()
  await api.app.listen({ port, host: '127.0.0.1' })
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  t.teardown(async () => { await browser.close(); await api.close() })
  const phone = async (): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'id-ID', acceptDownloads: true })
    ctx.setDefaultTimeout(20_000)
    return await ctx.newPage()
  }
  return { base: `http://127.0.0.1:${port}`, browser, phone }
}

/** Signs in with an API key, in the folded form under the PIN sign-in (the keys an admin made by hand). */
export async function signInWithKey (page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/masuk`)
  await page.getByText('Masuk dengan kunci API').click()
  await page.getByLabel('Kunci API').fill(key)
  await page.getByRole('button', { name: 'Masuk dengan kunci' }).click()
}

/** A full-page screenshot at 360 px to test-artifacts/web/<name>-360.png, once the page has loaded, checked for horizontal scrolling. */
export function shooter (t: Test): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    await page.waitForLoadState('load')
    const width = await page.evaluate('document.documentElement.scrollWidth') as number
    t.ok(width <= 360, `${name}: no horizontal scrolling at 360 px (${width})`)
    await page.screenshot({ path: join(OUT, `${name}-360.png`), fullPage: true })
  }
}
