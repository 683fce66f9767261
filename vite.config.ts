import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { WEB_BUILD } from './api/web-build.ts';

// The web UI: plain ES modules in web/src, bundled and minified into WEB_BUILD with hashed names.
// The dashboards and the lifecycle editor are chunks of their own, loaded when first opened.
export default defineConfig({
  root: fileURLToPath(new URL('./web/src', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: WEB_BUILD,
    emptyOutDir: true,
    target: 'es2022',
    // Browsers the desk uses all preload modules themselves; the polyfill would be code of its own to ship.
    modulePreload: { polyfill: false },
  },
});
