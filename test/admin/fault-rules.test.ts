import t from 'tap'
import { FaultRules } from '../../src/admin/faults/fault-rules.js'
import { seededRandom } from '../../src/admin/faults/seeded-random.js'
import type { FaultRuleRequest } from '../../src/schemas/fault.js'

const JOBS = '/ccs/api/v1/jobs'

function added (rules: FaultRules, input: FaultRuleRequest): string {
  const outcome = rules.add(input)
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors))
  return outcome.rule.id
}

t.test('seededRandom is a fixed sequence per seed in [0, 1)', async (t) => {
  const a = seededRandom(42)
  const b = seededRandom(42)
  const first = Array.from({ length: 50 }, () => a())
  t.same(Array.from({ length: 50 }, () => b()), first, 'same seed, same sequence')
  t.notSame(Array.from({ length: 50 }, seededRandom(43)), first, 'another seed, another sequence')
  t.ok(first.every((x) => x >= 0 && x < 1))
  t.ok(new Set(first).size > 45, 'not stuck')
})

t.test('a count is consumed per firing and a spent rule disappears', async (t) => {
  const rules = new FaultRules()
  const id = added(rules, { path: JOBS, count: 2, fault: { type: 'drop' } })
  t.equal(rules.match({ method: 'POST', path: JOBS })?.ruleId, id)
  t.match(rules.get(id), { count: 2, remaining: 1, fired: 1 })
  t.equal(rules.match({ method: 'GET', path: JOBS })?.ruleId, id)
  t.equal(rules.get(id), undefined, 'gone once spent')
  t.same(rules.list(), [])
  t.equal(rules.match({ method: 'POST', path: JOBS }), undefined)
})

t.test('without a count a rule fires until removed', async (t) => {
  const rules = new FaultRules()
  const id = added(rules, { path: JOBS, fault: { type: 'empty' } })
  for (let i = 0; i < 5; i++) t.equal(rules.match({ method: 'POST', path: JOBS })?.ruleId, id)
  t.match(rules.get(id), { fired: 5 })
  t.notOk('remaining' in (rules.get(id) ?? {}))
  t.equal(rules.remove(id), true)
  t.equal(rules.remove(id), false)
})

t.test('probability draws from the rule\'s seeded sequence; misses do not consume the count', async (t) => {
  const rules = new FaultRules()
  added(rules, { path: JOBS, probability: 0.3, seed: 7, count: 1000, fault: { type: 'drop' } })
  const random = seededRandom(7)
  const expected = Array.from({ length: 40 }, () => random() < 0.3)
  const seen = Array.from({ length: 40 }, () => rules.match({ method: 'GET', path: JOBS }) !== undefined)
  t.same(seen, expected)
  t.ok(seen.includes(true) && seen.includes(false), 'both outcomes occur')
  t.match(rules.list()[0], { fired: expected.filter(Boolean).length, remaining: 1000 - expected.filter(Boolean).length })

  const never = new FaultRules()
  added(never, { path: JOBS, probability: 0, fault: { type: 'drop' } })
  t.equal(Array.from({ length: 20 }, () => never.match({ method: 'GET', path: JOBS })).filter(Boolean).length, 0, 'probability 0 never fires')
})

t.test('a random delay is drawn from the seed, within its bounds', async (t) => {
  const draws = (): number[] => {
    const rules = new FaultRules()
    added(rules, { path: '**', seed: 99, fault: { type: 'delay', minMs: 10, maxMs: 20 } })
    return Array.from({ length: 30 }, () => {
      const fired = rules.match({ method: 'GET', path: '/x' })
      return fired?.action.type === 'delay' ? fired.action.ms : -1
    })
  }
  const first = draws()
  t.same(draws(), first, 'same seed, same delays')
  t.ok(first.every((ms) => ms >= 10 && ms <= 20), 'within bounds')
  t.ok(new Set(first).size > 3, 'varied')
})

t.test('rules without a user match on arrival only; rules with a user only once it is known', async (t) => {
  const rules = new FaultRules()
  const anyone = added(rules, { method: 'GET', path: JOBS, fault: { type: 'drop' } })
  const auditor = added(rules, { path: JOBS, user: 'DOMAIN1\\Auditor', fault: { type: 'empty' } })
  t.equal(rules.match({ method: 'GET', path: JOBS })?.ruleId, anyone)
  t.equal(rules.match({ method: 'POST', path: JOBS }), undefined, 'the user rule waits for the user')
  t.equal(rules.match({ method: 'POST', path: JOBS, user: 'domain1\\auditor' })?.ruleId, auditor, 'user names match case-insensitively')
  t.equal(rules.match({ method: 'GET', path: JOBS, user: 'domain1\\auditor' })?.ruleId, auditor, 'the user-less rule does not fire a second time')
  t.equal(rules.match({ method: 'POST', path: JOBS, user: 'domain1\\administrator' }), undefined)
})

t.test('the first matching rule in creation order fires; methods match case-insensitively', async (t) => {
  const rules = new FaultRules()
  const post = added(rules, { method: 'post', path: JOBS, fault: { type: 'drop' } })
  const any = added(rules, { method: '*', path: '/ccs/**', fault: { type: 'empty' } })
  t.equal(rules.match({ method: 'POST', path: JOBS })?.ruleId, post)
  t.equal(rules.match({ method: 'GET', path: JOBS })?.ruleId, any)
  t.equal(rules.match({ method: 'DELETE', path: '/ccs/api/v1/assets' })?.ruleId, any)
  t.equal(rules.clear(), 2)
  t.equal(rules.size, 0)
})

t.test('the registry holds a bounded number of rules', async (t) => {
  const rules = new FaultRules(2)
  added(rules, { path: JOBS, fault: { type: 'drop' } })
  added(rules, { path: JOBS, fault: { type: 'drop' } })
  t.same(rules.add({ path: JOBS, fault: { type: 'drop' } }), { ok: false, errors: { '': ['At most 2 fault rules can exist; delete some first.'] } })
})
