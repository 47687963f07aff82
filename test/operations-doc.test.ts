import { access, readFile } from 'node:fs/promises'
import t from 'tap'
import { DECISIONS_FILE, OPERATION_TESTS, withOperationsSection } from '../scripts/operations-doc.js'

t.test('docs/decisions.md lists every operation as src/domain/operation-rules.ts says', async (t) => {
  const text = await readFile(DECISIONS_FILE, 'utf8')
  t.equal(text, withOperationsSection(text), 'the section is stale: run `npm run docs:operations` and commit the result')
})

t.test('every test file the section names exists', async (t) => {
  for (const file of new Set(Object.values(OPERATION_TESTS).flat())) {
    await t.resolves(access(new URL(`../${file}`, import.meta.url)), file)
  }
})
