// Browser end-to-end tests: Debian's Chromium, headless, driven by Playwright.
// Playwright's own browser downloads cannot run here (docs/design.md, "Toolchain"), so the
// browser is /usr/bin/chromium with the flags that give it WebGL2 through
// SwiftShader and keep it off the closed network.
import { defineConfig } from '@playwright/test';

const artifacts = process.env.QUORUM_ARTIFACTS_DIR ?? 'build/web/e2e-artifacts';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  // CTest runs the workers runner's tests as their own entry (e2e.workers),
  // beside the rest (e2e.page), so the two share the machine's cores.
  testIgnore: process.env.QUORUM_E2E_IGNORE || undefined,
  outputDir: `${artifacts}/results`,
  // SwiftShader renders on the CPU; two cores are better spent on one browser.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
