#!/usr/bin/env node
// `npx ccs-mock`: the compiled server (dist/, built by `npm run build`, in the package as published).
import '../dist/server.js'
