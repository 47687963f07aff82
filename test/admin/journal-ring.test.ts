import t from 'tap'
import { Journals } from '../../src/admin/journal.js'
import type { JournalEntry } from '../../src/admin/schemas.js'

const entry = (n: number, session: string | null = null): Omit<JournalEntry, 'id'> => ({
  session, time: new Date(n).toISOString(), method: 'GET', url: `/${n}`, path: `/${n}`, query: {}, route: null, operationId: null, status: 200, durationMs: 0, fault: null,
  user: null, requestHeaders: {}, requestBody: null, requestBodyTruncated: false, responseBody: null, responseBodyTruncated: false
})
const paths = (journal: Journals, session?: string | null): string[] => [...journal.newestFirst(session)].map((e) => e.path)

t.test('a ring of the last N entries', async (t) => {
  const journal = new Journals(3)
  t.same(paths(journal), [])
  journal.record(null, entry(1))
  journal.record(null, entry(2))
  t.same(paths(journal), ['/2', '/1'])
  for (let n = 3; n <= 7; n++) journal.record(null, entry(n))
  t.same(paths(journal), ['/7', '/6', '/5'])
  t.equal(journal.size(), 3)
  t.same([...journal.newestFirst()].map((e) => e.id), [7, 6, 5])
  journal.clear()
  t.equal(journal.size(), 0)
  journal.record(null, entry(8))
  t.same([...journal.newestFirst()].map((e) => e.id), [8])
})

t.test('one ring per data set: a busy session pushes out none of another\'s entries; merged newest first', async (t) => {
  const journal = new Journals(2)
  journal.record('a', entry(1, 'a'))
  for (let n = 2; n <= 6; n++) journal.record('b', entry(n, 'b'))
  journal.record(null, entry(7))
  journal.record('a', entry(8, 'a'))
  t.same(paths(journal, 'a'), ['/8', '/1'], 'a keeps both its entries')
  t.same(paths(journal, 'b'), ['/6', '/5'])
  t.same(paths(journal, null), ['/7'])
  t.same(paths(journal), ['/8', '/7', '/6', '/5', '/1'], 'every data set, by id')
  t.equal(journal.size(), 5)
  t.equal(journal.size('b'), 2)
  journal.clear('b')
  t.same(paths(journal), ['/8', '/7', '/1'])
})

t.test('capacity 0 keeps nothing', async (t) => {
  const journal = new Journals(0)
  journal.record(null, entry(1))
  t.equal(journal.enabled, false)
  t.same(paths(journal), [])
})
