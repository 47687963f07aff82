import t from 'tap'
import { bindJsonNet } from '../../../src/domain/dotnet/json-net-binding.js'
import { CHECK_LIST_OF, ResultsRequestSchema, ResultsResponseSchema, resultsView } from '../../../src/domain/runs/results-view.js'
import { firstSchemaError } from '../../../src/schema-check.js'
import { CHECK_OUTCOMES } from '../../../src/schemas/run.js'
import { RHEL_STANDARD, WINDOWS_ASSET } from '../../helpers/build.js'
import { makeResult } from '../../helpers/evaluation-data.js'

const RUN = 'cae05ae3-8454-43a9-9139-f678b66decf7'
const CHECK = '7673bba8-1933-41ce-98d8-7fa7cca60c9f'

t.test('ResultsRequestSchema: AssetID and StandardID required, the rest optional GUIDs/text', async (t) => {
  const rows: Array<[string, unknown, string | undefined]> = [
    ['minimal', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD }, undefined],
    ['everything', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, StandardVersion: '1.3.0', JobRunID: RUN, CheckIDList: [CHECK] }, undefined],
    ['empty CheckIDList', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, CheckIDList: [] }, undefined],
    ['no AssetID', { StandardID: RHEL_STANDARD }, 'required'],
    ['no StandardID', { AssetID: WINDOWS_ASSET }, 'required'],
    ['AssetID not a GUID', { AssetID: 'db2-prod-01', StandardID: RHEL_STANDARD }, 'format'],
    ['JobRunID not a GUID', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, JobRunID: 'latest' }, 'format'],
    ['CheckIDList item not a GUID', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, CheckIDList: [CHECK, 'x'] }, 'format'],
    ['CheckIDList not a list', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, CheckIDList: CHECK }, 'type'],
    ['StandardVersion a list', { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, StandardVersion: ['1'] }, 'type']
  ]
  for (const [name, body, keyword] of rows) t.equal(firstSchemaError(ResultsRequestSchema, body)?.keyword, keyword, name)
})

t.test('the vendor sample body binds: lower-case names, GUIDs in any case', async (t) => {
  const sample = { assetid: WINDOWS_ASSET.toUpperCase(), standardid: RHEL_STANDARD, jobrunid: RUN, checkidlist: [`{${CHECK}}`] }
  const bound = bindJsonNet(sample, ResultsRequestSchema as never)
  t.same(bound, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, JobRunID: RUN, CheckIDList: [CHECK] })
  t.equal(firstSchemaError(ResultsRequestSchema, bound), undefined)
})

const ASSET_NAME = 'db2-prod-01'
type Lists = ReturnType<typeof resultsView>['RawEvaluationResult']
const LISTS = ['Passed Checks', 'Failed Checks', 'Exempted Checks', 'NotApplicable Checks', 'Checks to be manually reviewed'] as const

t.test('resultsView: RawEvaluationResult with the five lists a public client reads, in the standard\'s order', async (t) => {
  const result = { ...makeResult(['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview', 'Passed', 'Failed'], 50), DataCollectedDate: '2026-11-28T06:01:41.0000000Z' }
  const { RawEvaluationResult: raw } = resultsView(result, ASSET_NAME)
  const ids = (list: Array<{ CheckID: string }>) => list.map((c) => c.CheckID)
  const id = (i: number) => result.Checks[i]?.CheckID
  t.same(ids(raw['Passed Checks']), [id(0), id(5)])
  t.same(ids(raw['Failed Checks']), [id(1), id(6)])
  t.same(ids(raw['Exempted Checks']), [id(2)])
  t.same(ids(raw['NotApplicable Checks']), [id(3)])
  t.same(ids(raw['Checks to be manually reviewed']), [id(4)])
  t.strictSame(raw['Passed Checks'][0], {
    CheckID: id(0),
    'Check name': 'Check 0',
    'Check status': 'Passed',
    Risk: 'High',
    AccessVector: 'Network',
    AccessComplexity: 'Low',
    Authentication: 'None',
    Confidentiality: 'Complete',
    Integrity: 'Complete',
    Availability: 'Complete'
  }, 'every field the public client reads')
  t.same(LISTS.map((list) => raw[list][0]?.['Check status']), ['Passed', 'Failed', 'Exempted', 'Not Applicable', 'Manual Review'])
  t.equal(raw['Failed Checks'][0]?.Risk, 'Low')
  t.equal(raw['Failed Checks'][0]?.AccessVector, 'Local')
  t.strictSame(Object.keys(raw), [
    'Asset Name', 'Standard Name', 'Standard Version', 'Job Run ID', 'Compliance Statistics', ...LISTS
  ], 'property order as serialized')
  t.strictSame(raw['Compliance Statistics'], { 'Data collected on date': '2026-11-28T06:01:41.0000000Z', 'Evaluation date': result.EvaluationDate, 'Compliance score': 50 })
  t.match(raw, { 'Asset Name': ASSET_NAME, 'Standard Name': result.StandardName, 'Standard Version': '2.3', 'Job Run ID': result.JobRunID })
  t.equal(firstSchemaError(ResultsResponseSchema, { RawEvaluationResult: raw }), undefined, 'matches ResultsResponseSchema')
  t.same(new Set(Object.values(CHECK_LIST_OF)).size, CHECK_OUTCOMES.length, 'one list per outcome')
  t.equal(resultsView(makeResult(['Passed']), ASSET_NAME).RawEvaluationResult['Compliance Statistics']['Data collected on date'], result.EvaluationDate,
    'a result stored without its collection date shows the evaluation date')
})

t.test('CheckIDList narrows the lists; any GUID form; unknown IDs ignored; empty means all', async (t) => {
  const result = makeResult(['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview'], 50)
  const id = (i: number) => result.Checks[i]?.CheckID ?? ''
  const count = (view: ReturnType<typeof resultsView>) => LISTS.reduce((n, list) => n + (view.RawEvaluationResult as Lists)[list].length, 0)

  const some = resultsView(result, ASSET_NAME, [id(1).toUpperCase(), `{${id(4)}}`, CHECK])
  t.same(some.RawEvaluationResult['Failed Checks'].map((c) => c.CheckID), [id(1)])
  t.same(some.RawEvaluationResult['Checks to be manually reviewed'].map((c) => c.CheckID), [id(4)])
  t.equal(count(some), 2, 'only the listed checks; the unknown one is ignored')
  t.equal(some.RawEvaluationResult['Compliance Statistics']['Compliance score'], 50, 'the score stays the evaluation\'s score')

  t.equal(count(resultsView(result, ASSET_NAME, [CHECK])), 0, 'only unknown IDs: every list empty')
  t.equal(count(resultsView(result, ASSET_NAME, [])), 5, 'empty list: every check')
  t.equal(count(resultsView(result, ASSET_NAME, undefined)), 5, 'no list: every check')
  t.equal(count(resultsView(result, ASSET_NAME, [id(0), id(0)])), 1, 'a repeated ID lists the check once')
})
