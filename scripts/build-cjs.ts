import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SRC = fileURLToPath(new URL('../src/', import.meta.url))
const manifest = (await import('../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> }

// Packages that only ship ES modules: bundled in, so `require('ccs-mock')` never has to
// `require()` an ES module (Jest's CommonJS runtime cannot).
const ESM_ONLY = new Set(['typebox', 'lowdb', 'steno', 'tinyqueue'])
const external = Object.keys(manifest.dependencies).filter((name) => !ESM_ONLY.has(name)).flatMap((name) => [name, `${name}/*`])

/**
 * Each module's `import.meta.url` becomes the URL its compiled twin has in dist/, so
 * relative lookups (fixtures/, package.json) land where they do in the ES build.
 */
const importMetaUrl: Plugin = {
  name: 'import-meta-url',
  setup (context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(SRC)) return undefined
      const { readFile } = await import('node:fs/promises')
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' }
      const twin = relative(SRC, args.path).replace(/\.ts$/, '.js')
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(twin)})).href`
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' }
    })
  }
}

/** dist/index.cjs: the package API for `require()`, next to the ES build tsc writes. */
await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external,
  plugins: [importMetaUrl],
  logLevel: 'warning'
})
