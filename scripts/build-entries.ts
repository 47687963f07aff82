import { readFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Format, type Plugin } from 'esbuild'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SRC = fileURLToPath(new URL('../src/', import.meta.url))

// Swagger UI serves files from its own folder, so it stays a package of its own.
const EXTERNAL = ['@fastify/swagger-ui']

/** What `import.meta.url` and `__dirname` of the bundle itself are, per format. */
const BUNDLE_URL: Record<'esm' | 'cjs', string> = {
  esm: 'import.meta.url',
  cjs: "require('node:url').pathToFileURL(__filename).href"
}

/**
 * Each of our modules' `import.meta.url` becomes the URL its compiled twin has in
 * dist/, so relative lookups (fixtures/, package.json) land where they do in tsc's build.
 */
function importMetaUrl (format: 'esm' | 'cjs'): Plugin {
  return {
    name: 'import-meta-url',
    setup (context) {
      context.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(SRC)) return undefined
        const source = await readFile(args.path, 'utf8')
        const twin = relative(SRC, args.path).replace(/\.ts$/, '.js')
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(twin)}, ${BUNDLE_URL[format]}).href`), loader: 'ts' }
      })
    }
  }
}

// An ES bundle of CommonJS packages needs require, __filename and __dirname of its own.
const ESM_BANNER = [
  "import { createRequire as __cjsRequire } from 'node:module'",
  "import { fileURLToPath as __cjsPath } from 'node:url'",
  "import { dirname as __cjsDirname } from 'node:path'",
  'const require = __cjsRequire(import.meta.url)',
  'const __filename = __cjsPath(import.meta.url)',
  'const __dirname = __cjsDirname(__filename)'
].join('\n')

/**
 * The package API (src/index.ts) as one file per module system, dependencies inside:
 * a test runner with a module system of its own (Jest before Node 24.9) then never
 * has to require() an ES module, which several of fastify's own dependencies are.
 */
async function bundle (format: 'esm' | 'cjs', outfile: string, entry = 'src/index.ts', keepNames = true): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: format as Format,
    target: 'node20',
    external: EXTERNAL,
    keepNames,
    plugins: [importMetaUrl(format)],
    ...(format === 'esm' ? { banner: { js: ESM_BANNER } } : {}),
    logLevel: 'warning'
  })
}

// The server too (over tsc's dist/server.js): one file loads in about half the time of
// the few hundred modules it stands for (docs/store.md, "Start-up"). Without keepNames:
// it names every closure as it is made (a defineProperty each), 3 % of a request's time.
await Promise.all([bundle('esm', 'dist/index.js'), bundle('cjs', 'dist/index.cjs'), bundle('esm', 'dist/server.js', 'src/server.ts', false)])
