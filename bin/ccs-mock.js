#!/usr/bin/env node
// `npx ccs-mock`: the server from source, through tsx, without a build step.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import('../src/server.ts')
