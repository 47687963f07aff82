// The package entry without a build step: src/index.ts loaded through tsx. tsImport
// keeps tsx to ccs-mock's own modules; the rest of the process loads as before.
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const api = await tsImport('../src/index.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url))
})

// Listed by name (an ES module cannot re-export a dynamic import's namespace);
// test/programmatic.test.ts checks this list against src/index.ts.
export const {
  adminClient,
  buildApp,
  CcsMockAdminError,
  ConfigError,
  ControlledClock,
  ManualClock,
  startCcsMock,
  validateConfig
} = api
