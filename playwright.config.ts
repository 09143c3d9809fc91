/**
 * End-to-end tests (issue 7): one real Tessera started by e2e/global-setup.ts, Debian's scepclient as the device,
 * an admin on a desktop browser and a person on an iPhone.
 *
 *   npm run test:e2e                                 all projects
 *   npx playwright test --project=admin-desktop      one project
 *   npx playwright show-report                       the HTML report (playwright-report/)
 *
 * Browser: the Playwright-managed Chromium when it is installed, otherwise Debian's /usr/bin/chromium. WebKit is
 * used for the iPhone project only when it is installed; otherwise the iPhone descriptor (viewport, Safari UA,
 * touch, mobile) runs on Chromium.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, defineConfig, webkit, type LaunchOptions } from '@playwright/test';
import { DESKTOP, IPHONE } from './e2e/fixtures/devices';
import { ADMIN_STATE_FILE, serverInfo } from './e2e/fixtures/server';

const installed = (path: () => string): boolean => {
  try {
    return existsSync(path());
  } catch {
    return false;
  }
};

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const managedChromium = installed(() => chromium.executablePath());
const managedWebkit = installed(() => webkit.executablePath());

/**
 * Videos need Playwright's own ffmpeg build (`npx playwright install ffmpeg`), which lives next to the managed
 * browsers; without it (as on machines that use Debian's Chromium) videos are off and traces carry the screencast.
 */
const ffmpegInstalled = (() => {
  try {
    const browsersDir = path.resolve(chromium.executablePath(), '..', '..', '..');
    return readdirSync(browsersDir).some((d) => d.startsWith('ffmpeg-') && existsSync(path.join(browsersDir, d, process.platform === 'win32' ? 'ffmpeg-win64.exe' : process.platform === 'darwin' ? 'ffmpeg-mac' : 'ffmpeg-linux')));
  } catch {
    return false;
  }
})();

const chromiumLaunch: LaunchOptions = managedChromium
  ? {}
  : {
      executablePath: SYSTEM_CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    };

/** The iPhone project runs WebKit when installed, else Chromium with the iPhone descriptor (viewport, UA, touch). */
const iphoneBrowser = managedWebkit ? { browserName: 'webkit' as const } : { browserName: 'chromium' as const, launchOptions: chromiumLaunch };

/** Global setup writes the server's URL; the config is read again in each worker, after global setup. */
const baseURL = (() => {
  if (process.env.TESSERA_E2E_URL) return process.env.TESSERA_E2E_URL;
  try {
    return serverInfo().url;
  } catch {
    return undefined;
  }
})();

/** Specs that open the admin dashboard and an iPhone side by side run once, on the desktop project. */
const BOTH_PROJECTS = /(access-control|screenshots)\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // The PENDING flows wait for scepclient's 30-second re-poll.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // The JSON report feeds the pass/fail summary that .ci/run prints.
  reporter: [['list'], ['html', { open: 'never' }], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: ffmpegInstalled ? 'retain-on-failure' : 'off',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/, use: { ...DESKTOP, browserName: 'chromium', launchOptions: chromiumLaunch } },
    {
      name: 'admin-desktop',
      dependencies: ['setup'],
      testMatch: /\.spec\.ts$/,
      use: { ...DESKTOP, browserName: 'chromium', launchOptions: chromiumLaunch, storageState: ADMIN_STATE_FILE },
    },
    {
      name: 'iphone',
      dependencies: ['setup'],
      testMatch: BOTH_PROJECTS,
      use: { ...IPHONE, ...iphoneBrowser, storageState: ADMIN_STATE_FILE },
    },
  ],
});
