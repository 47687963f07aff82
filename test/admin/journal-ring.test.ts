import t from 'tap'
import { Journal } from '../../src/admin/journal.js'
import type { JournalEntry } from '../../src/admin/schemas.js'

const entry = (n: number): Omit<JournalEntry, 'id'> => ({
  time: new Date(n).toISOString(), method: 'GET', url: `/${n}`, path: `/${n}`, query: {}, route: null, operationId: null, status: 200, durationMs: 0,
  user: null, requestHeaders: {}, requestBody: null, requestBodyTruncated: false, responseBody: null, responseBodyTruncated: false
})
const paths = (journal: Journal): string[] => [...journal.newestFirst()].map((e) => e.path)

t.test('a ring of the last N entries', async (t) => {
  const journal = new Journal(3)
  t.same(paths(journal), [])
  journal.record(entry(1))
  journal.record(entry(2))
  t.same(paths(journal), ['/2', '/1'])
  for (let n = 3; n <= 7; n++) journal.record(entry(n))
  t.same(paths(journal), ['/7', '/6', '/5'])
  t.equal(journal.size, 3)
  t.same([...journal.newestFirst()].map((e) => e.id), [7, 6, 5])
  journal.clear()
  t.equal(journal.size, 0)
  journal.record(entry(8))
  t.same([...journal.newestFirst()].map((e) => e.id), [8])
})

t.test('capacity 0 keeps nothing', async (t) => {
  const journal = new Journal(0)
  journal.record(entry(1))
  t.equal(journal.enabled, false)
  t.same(paths(journal), [])
})
