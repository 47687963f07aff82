// The live console (console/): one script and one style sheet bundled with esbuild
// (Preact and its signals inside, nothing fetched at run time), and the page, into dist/console/,
// which the server reads at start-up (src/admin/console/console-assets.ts).
import { copyFile, mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const OUT = 'dist/console'

await mkdir(`${ROOT}${OUT}`, { recursive: true })
await build({
  absWorkingDir: ROOT,
  entryPoints: { console: 'console/src/main.tsx' },
  outdir: OUT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  // Browsers of the last few years: what a presenter's laptop runs.
  target: ['chrome111', 'firefox111', 'safari16.4', 'edge111'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning'
})
await copyFile(`${ROOT}console/index.html`, `${ROOT}${OUT}/index.html`)
