import t from 'tap'
import { assetPlatform } from '../../../src/domain/catalog/asset-types.js'
import { buildEvaluationResult, evaluateStandard, scoreOf } from '../../../src/domain/runs/evaluation.js'
import { CHECK_OUTCOMES, EvaluationResultSchema, type CheckOutcome, type CheckResult } from '../../../src/schemas/run.js'
import { firstSchemaError } from '../../../src/schema-check.js'
import { loadFixtures } from '../../../src/store/fixtures.js'
import { RHEL_STANDARD, SAMPLE_RESULTS_ASSET } from '../../helpers/build.js'
import { makeAsset, makeCheck, makeStandard } from '../../helpers/evaluation-data.js'

const checkId = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`
const [PASS_ANY, PASS_HARDENED, FAIL_ALWAYS, MANUAL, EXEMPT_FAILING, EXEMPT_MANUAL] = [1, 2, 3, 4, 5, 6].map(checkId) as [string, string, string, string, string, string]

const standard = makeStandard([
  makeCheck(PASS_ANY, 'automated', ['hardened', 'baseline', 'weak']),
  makeCheck(PASS_HARDENED, 'automated', ['hardened']),
  makeCheck(FAIL_ALWAYS, 'automated', []),
  makeCheck(MANUAL, 'manual', []),
  makeCheck(EXEMPT_FAILING, 'automated', []),
  makeCheck(EXEMPT_MANUAL, 'manual', [])
])
const exemptions = [EXEMPT_FAILING, EXEMPT_MANUAL]
const outcomesOf = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.CheckID, c.Outcome]))

t.test('assetPlatform: a known type\'s platform, else the word after the prefix', async (t) => {
  const rows: Array<[string, string | undefined]> = [
    ['symc-csm-AssetSystem-Asset-Unix-Machine', 'unix'],
    ['symc-csm-AssetSystem-Asset-Wnt-Machine', 'windows'],
    ['SYMC-CSM-ASSETSYSTEM-ASSET-WNT-MACHINE', 'windows'],
    ['symc-csm-AssetSystem-Asset-Unix-MySQL-Servers', 'mysql'],
    ['symc-csm-AssetSystem-Asset-Dbif-server', 'sql server'],
    ['symc-csm-AssetSystem-Asset-Cisco-Router', 'cisco'],
    ['symc-csm-AssetSystem-Asset-Oracle', 'oracle'],
    ['symc-csm-AssetSystem-AssetGroup', undefined],
    ['symc-csm-AssetSystem-Asset-', undefined],
    ['Unix Machine', undefined]
  ]
  for (const [type, platform] of rows) t.equal(assetPlatform(type), platform, type)
})

t.test('each rule gives its outcome, in the standard\'s order', async (t) => {
  const checks = evaluateStandard(makeAsset({ Profile: 'hardened', Exemptions: exemptions }), standard)
  t.same(checks.map((c) => c.CheckID), standard.Checks.map((c) => c.ID), 'one result per check, same order')
  t.same(outcomesOf(checks), {
    [PASS_ANY]: 'Passed',
    [PASS_HARDENED]: 'Passed',
    [FAIL_ALWAYS]: 'Failed',
    [MANUAL]: 'ManualReview',
    [EXEMPT_FAILING]: 'Exempted',
    [EXEMPT_MANUAL]: 'Exempted'
  })
  t.same(checks[0], { CheckID: PASS_ANY, Name: standard.Checks[0]?.Name, Severity: 'High', Outcome: 'Passed' }, 'result shape')
})

t.test('a profile outside PassesOn fails the check', async (t) => {
  const checks = outcomesOf(evaluateStandard(makeAsset({ Profile: 'weak' }), standard))
  t.equal(checks[PASS_ANY], 'Passed')
  t.equal(checks[PASS_HARDENED], 'Failed')
  t.equal(checks[EXEMPT_FAILING], 'Failed', 'without the exemption the check is evaluated')
})

t.test('a standard for another platform: every check NotApplicable, exemptions and manual ones too', async (t) => {
  const windows = makeAsset({ Exemptions: exemptions }, 'symc-csm-AssetSystem-Asset-Wnt-Machine')
  t.same(new Set(evaluateStandard(windows, standard).map((c) => c.Outcome)), new Set(['NotApplicable']))
  const unknownType = makeAsset({}, 'symc-csm-AssetSystem-AssetGroup')
  t.same(new Set(evaluateStandard(unknownType, standard).map((c) => c.Outcome)), new Set(['NotApplicable']), 'an asset without a platform fits no standard')
  const upperPlatform = makeStandard(standard.Checks, 'UNIX')
  t.equal(evaluateStandard(makeAsset(), upperPlatform)[0]?.Outcome, 'Passed', 'platform names compare case-insensitively')
})

t.test('exemption IDs match in any GUID form', async (t) => {
  const asset = makeAsset({ Exemptions: [`{${FAIL_ALWAYS.toUpperCase()}}`] })
  t.equal(outcomesOf(evaluateStandard(asset, standard))[FAIL_ALWAYS], 'Exempted')
})

t.test('deterministic: same input, same output; reachability and agent do not matter', async (t) => {
  const first = evaluateStandard(makeAsset({ Exemptions: exemptions }), standard)
  t.same(evaluateStandard(makeAsset({ Exemptions: exemptions }), standard), first)
  t.same(evaluateStandard(makeAsset({ Exemptions: exemptions, Reachable: false, AgentBased: false }), standard), first)
})

const results = (passed: number, failed: number, others: CheckOutcome[] = []): CheckResult[] =>
  [...Array<CheckOutcome>(passed).fill('Passed'), ...Array<CheckOutcome>(failed).fill('Failed'), ...others]
    .map((Outcome, i) => ({ CheckID: `${i}`, Name: '', Severity: 'Low', Outcome }))

t.test('scoreOf: passed among passed and failed, one decimal, half to even', async (t) => {
  const rows: Array<[string, CheckResult[], number]> = [
    ['no checks', results(0, 0), 100],
    ['only exempted, not applicable, manual', results(0, 0, ['Exempted', 'NotApplicable', 'ManualReview']), 100],
    ['all passed', results(4, 0), 100],
    ['all failed', results(0, 3), 0],
    ['others do not count', results(1, 1, ['Exempted', 'NotApplicable', 'ManualReview', 'ManualReview']), 50],
    ['2/3 rounds up', results(2, 1), 66.7],
    ['1/3 rounds down', results(1, 2), 33.3],
    ['1/8 is exact', results(1, 7), 12.5],
    ['1/16 = 6.25 → 6.2 (to even)', results(1, 15), 6.2],
    ['3/16 = 18.75 → 18.8 (to even)', results(3, 13), 18.8],
    ['5/16 = 31.25 → 31.2', results(5, 11), 31.2],
    ['1/80 = 1.25 → 1.2', results(1, 79), 1.2],
    ['3/80 = 3.75 → 3.8', results(3, 77), 3.8],
    ['1/2000 = 0.05 → 0', results(1, 1999), 0],
    ['3/2000 = 0.15 → 0.2', results(3, 1997), 0.2],
    ['999/1000 → 99.9', results(999, 1), 99.9],
    ['19999/20000 = 99.995 → 100', results(19999, 1), 100]
  ]
  for (const [name, checks, score] of rows) t.equal(scoreOf(checks), score, name)
})

t.test('buildEvaluationResult: one stored result per asset, standard and run', async (t) => {
  const asset = makeAsset({ Profile: 'hardened', Exemptions: exemptions })
  const result = buildEvaluationResult({
    asset,
    standard,
    jobId: 'a282d163-2248-4904-8135-0eaf08be8e55',
    jobRunId: 'cae05ae3-8454-43a9-9139-f678b66decf7',
    evaluatedAt: Date.UTC(2026, 10, 28, 6, 1, 44, 123),
    collectedAt: Date.UTC(2026, 10, 28, 6, 1, 41, 0)
  })
  t.same(result, {
    JobRunID: 'cae05ae3-8454-43a9-9139-f678b66decf7',
    JobID: 'a282d163-2248-4904-8135-0eaf08be8e55',
    AssetID: asset.ID,
    StandardID: standard.ID,
    StandardName: standard.DisplayName,
    StandardVersion: '2.3',
    EvaluationDate: '2026-11-28T06:01:44.1230000Z',
    DataCollectedDate: '2026-11-28T06:01:41.0000000Z',
    Score: 66.7,
    Checks: evaluateStandard(asset, standard)
  })
  t.equal(firstSchemaError(EvaluationResultSchema, result), undefined, 'matches EvaluationResultSchema')
})

t.test('fixtures: every asset × standard evaluates, and together they show all five outcomes', async (t) => {
  const { assets, standards } = await loadFixtures('fixtures')
  t.ok(assets.length > 0 && standards.length > 0)
  const seen = new Set<CheckOutcome>()
  t.same(assets.filter((a) => assetPlatform(a.Type) === undefined).map((a) => a.DisplayName), [], 'every asset type names a platform')
  for (const asset of assets) {
    for (const standard of standards) {
      const result = buildEvaluationResult({ asset, standard, jobId: RHEL_STANDARD, jobRunId: RHEL_STANDARD, evaluatedAt: 0, collectedAt: 0 })
      if (result.Checks.length !== standard.Checks.length || result.Score < 0 || result.Score > 100) {
        t.fail(`${asset.DisplayName} × ${standard.DisplayName}`)
      }
      for (const check of result.Checks) seen.add(check.Outcome)
    }
  }
  t.same([...seen].sort(), [...CHECK_OUTCOMES].sort(), 'all five outcomes occur')

  const exempting = assets.filter((a) => (a.Simulation.Exemptions ?? []).length > 0)
  t.ok(exempting.length >= 2, 'several fixture assets hold exemptions')
  for (const asset of exempting) {
    const exempted = standards.flatMap((s) => evaluateStandard(asset, s)).filter((c) => c.Outcome === 'Exempted')
    t.same(exempted.map((c) => c.CheckID).sort(), [...(asset.Simulation.Exemptions ?? [])].sort(), `${asset.DisplayName}: each exemption names a check of a standard for its platform`)
  }
})

t.test('fixtures: the raw-results sample\'s asset and standard fit each other', async (t) => {
  const { assets, standards } = await loadFixtures('fixtures')
  const asset = assets.find((a) => a.ID === SAMPLE_RESULTS_ASSET)
  const rhel = standards.find((s) => s.ID === RHEL_STANDARD)
  if (asset === undefined || rhel === undefined) throw new Error('vendor sample IDs missing from fixtures')
  const outcomes = new Set(evaluateStandard(asset, rhel).map((c) => c.Outcome))
  t.notOk(outcomes.has('NotApplicable'), 'a Unix asset against a Unix standard')
  t.ok(outcomes.has('Failed'), 'with failed checks to raise tickets for')
})
