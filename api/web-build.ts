import { fileURLToPath } from 'node:url';

/** Where `vite build` puts the web UI (from web/src), and where the API process serves it from. */
export const WEB_BUILD = fileURLToPath(new URL('../dist/web', import.meta.url));
