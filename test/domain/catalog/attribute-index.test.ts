import fc from 'fast-check'
import t from 'tap'
import { AttributeIndex, attributeValues } from '../../../src/domain/catalog/attribute-index.js'
import { matchesAttributeQuery, parseAttributeQuery } from '../../../src/domain/catalog/attribute-query.js'

interface Rec { name: string, os: string, roles: string[] }

// With letters whose case-insensitive match `toLowerCase` does not see (ſ is s, ς is σ, ΐ is ΐ, ﬅ is ﬆ).
const WORDS = ['db2', 'web', 'Web', 'prod', 'PROD', 'rhel', 'win', 'all db2', 'x', 'ab', 'aab', 'a.b', '01', '-', 'é', 'É', 'ſ', 'S', 'ΣΑΣ', 'σας', 'ς', '\u0390', '\u1fd3', '\ufb05', '\ufb06']
const word = fc.constantFrom(...WORDS)
const text = fc.array(word, { minLength: 0, maxLength: 4 }).map((w) => w.join(''))
const record = fc.record({ name: text, os: text, roles: fc.array(text, { maxLength: 3 }) })
const attributesOf = (r: Rec) => attributeValues({ displayName: r.name, os: r.os }, [['roles', r.roles]])

const pattern = fc.array(fc.oneof(word, fc.constant('*')), { minLength: 1, maxLength: 4 }).map((p) => p.join(''))
const term = fc.record({
  attribute: fc.constantFrom('displayName', 'DISPLAYNAME', 'os', 'roles', 'missing'),
  operator: fc.constantFrom('=', 'Contains', 'StartsWith'),
  value: pattern
}).map(({ attribute, operator, value }) => `${attribute} ${operator} "${value}"`)
const query = fc.array(term, { minLength: 1, maxLength: 3 }).chain((terms) =>
  fc.array(fc.constantFrom(',', '|'), { minLength: terms.length - 1, maxLength: terms.length - 1 })
    .map((joins) => terms.reduce((q, tm, i) => (i === 0 ? tm : `${q} ${joins[i - 1] ?? ','} ${tm}`), '')))

t.test('index-assisted search finds exactly what a full scan finds', async (t) => {
  const result = fc.check(fc.property(fc.array(record, { maxLength: 40 }), query, (records, text) => {
    const index = new AttributeIndex(records, attributesOf)
    const parsed = parseAttributeQuery(text)
    const scanned = records.filter((r) => {
      const values = attributesOf(r)
      return matchesAttributeQuery(parsed, (name) => values.get(name.toLowerCase()))
    })
    const found = index.search(parsed)
    if (found.length !== scanned.length || found.some((r, i) => r !== scanned[i])) {
      throw new Error(`${text}: index ${found.length}, scan ${scanned.length}`)
    }
  }), { seed: 20261128, numRuns: 1500 })
  t.notOk(result.failed, result.failed ? `${String(result.errorInstance)} ${JSON.stringify(result.counterexample).slice(0, 400)}` : 'agrees')
})

t.test('keep filters, and searchCached answers repeat queries from its memory', async (t) => {
  const records: Rec[] = [{ name: 'db2-a', os: 'aix', roles: [] }, { name: 'db2-b', os: 'rhel', roles: ['web'] }, { name: 'web-c', os: 'rhel', roles: [] }]
  const index = new AttributeIndex(records, attributesOf)
  const q = parseAttributeQuery('displayName StartsWith db2')
  t.same(index.search(q, (r) => r.os === 'rhel').map((r) => r.name), ['db2-b'])
  let calls = 0
  const keep = (): boolean => { calls++; return true }
  t.same(index.searchCached('k', q, keep).map((r) => r.name), ['db2-a', 'db2-b'])
  const first = calls
  t.same(index.searchCached('k', q, keep).map((r) => r.name), ['db2-a', 'db2-b'])
  t.equal(calls, first, 'the second answer came from memory')
})

type Step = { op: 'add', records: Rec[] } | { op: 'remove', picks: number[], undo: boolean }
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), records: fc.array(record, { maxLength: 6 }) }),
  fc.record({ op: fc.constant('remove' as const), picks: fc.array(fc.nat(), { maxLength: 4 }), undo: fc.boolean() })
)

t.test('after any sequence of add, remove and restore, searches (cached or not) agree with a scan of what is left', async (t) => {
  const result = fc.check(fc.property(fc.array(record, { maxLength: 20 }), fc.array(step, { maxLength: 8 }), query, (initial, steps, text) => {
    const index = new AttributeIndex(initial, attributesOf)
    // The model: the live records, in order (restore puts a record back in its place).
    let live = [...initial]
    const parsed = parseAttributeQuery(text)
    const scan = (): Rec[] => live.filter((r) => {
      const values = attributesOf(r)
      return matchesAttributeQuery(parsed, (name) => values.get(name.toLowerCase()))
    })
    const check = (when: string): void => {
      const expected = scan()
      for (const [how, found] of [['search', index.search(parsed)], ['searchCached', index.searchCached(text, parsed)]] as const) {
        if (found.length !== expected.length || found.some((r, i) => r !== expected[i])) {
          throw new Error(`${when}, ${how} ${text}: index ${found.length}, scan ${expected.length}`)
        }
      }
      if (index.size !== live.length) throw new Error(`${when}: size ${index.size}, live ${live.length}`)
    }
    check('initially')
    steps.forEach((s, n) => {
      if (s.op === 'add') {
        // Fresh objects: a record is added once.
        const fresh = s.records.map((r) => ({ ...r }))
        index.add(fresh)
        live.push(...fresh)
      } else {
        const doomed = new Set(s.picks.map((p) => live[p % Math.max(live.length, 1)]).filter((r): r is Rec => r !== undefined))
        const before = live
        index.remove(doomed)
        live = live.filter((r) => !doomed.has(r))
        check(`after step ${n} (remove)`)
        if (s.undo) {
          index.restore(doomed)
          live = before
        }
      }
      check(`after step ${n}`)
    })
  }), { seed: 20261129, numRuns: 700 })
  t.notOk(result.failed, result.failed ? `${String(result.errorInstance)} ${JSON.stringify(result.counterexample).slice(0, 400)}` : 'agrees')
})

t.test('a change empties the memory of searchCached', async (t) => {
  const records: Rec[] = [{ name: 'db2-a', os: 'aix', roles: [] }]
  const index = new AttributeIndex(records, attributesOf)
  const q = parseAttributeQuery('displayName StartsWith db2')
  t.same(index.searchCached('k', q).map((r) => r.name), ['db2-a'])
  const added: Rec = { name: 'db2-b', os: 'rhel', roles: [] }
  index.add([added])
  t.same(index.searchCached('k', q).map((r) => r.name), ['db2-a', 'db2-b'], 'an add is seen')
  index.remove(records)
  t.same(index.searchCached('k', q).map((r) => r.name), ['db2-b'], 'a remove is seen')
  index.restore(records)
  t.same(index.searchCached('k', q).map((r) => r.name), ['db2-a', 'db2-b'], 'a restore is seen, in the old place')
})

t.test('textCached: remembered until a change, least recently used out beyond 256 texts or 1M characters (keys counted), nothing kept when make throws', async (t) => {
  const records: Rec[] = [{ name: 'db2-a', os: 'aix', roles: [] }]
  const index = new AttributeIndex(records, attributesOf)
  let made = 0
  const text = (key: string, chars = 10): string => index.textCached(key, () => { made++; return `${key}:${made}`.padEnd(chars, '.') })
  t.equal(text('a'), 'a:1.......')
  t.equal(text('a'), 'a:1.......', 'the same text, not made again')
  t.equal(text('b'), 'b:2.......', 'another key is another text')
  for (const change of [() => { index.add([{ name: 'x', os: 'y', roles: [] }]) }, () => { index.remove(records) }, () => { index.restore(records) }]) {
    const before = made
    change()
    t.equal(text('a'), `a:${before + 1}`.padEnd(10, '.'), 'made again after a change')
  }

  const big = 400_000
  made = 0
  index.add([])
  text('1', big); text('2', big); text('1', big)
  t.equal(made, 2, 'two large texts fit')
  text('3', big)
  t.equal(made, 3)
  text('1', big)
  t.equal(made, 3, 'the one used last stays')
  text('2', big)
  t.equal(made, 4, 'the least recently used went first')
  text('huge', 1_000_000); text('huge', 1_000_000)
  t.equal(made, 6, 'a text over the limit with its key is never kept')
  text('1', big)
  t.equal(made, 6, 'and pushes nothing out')
  const longKey = 'k'.repeat(999_991)
  text(longKey); text(longKey)
  t.equal(made, 8, 'keys count: a 10-character text under a 999 991-character key is not kept')

  made = 0
  index.add([])
  for (let i = 0; i <= 256; i++) text(`small ${i}`)
  text('small 256'); text('small 1')
  t.equal(made, 257, 'the last 256 small texts are kept')
  text('small 0')
  t.equal(made, 258, 'the 257th pushed the least recently used out')

  t.throws(() => index.textCached('fails', () => { throw new Error('bad query') }), /bad query/)
  t.equal(index.textCached('fails', () => 'ok'), 'ok', 'a throwing make remembers nothing')
})
