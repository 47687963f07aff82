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

t.test('resultsView groups the checks into the five lists, in the standard\'s order', async (t) => {
  const result = makeResult(['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview', 'Passed', 'Failed'], 50)
  const view = resultsView(result)
  const ids = (list: Array<{ CheckID: string }>) => list.map((c) => c.CheckID)
  const id = (i: number) => result.Checks[i]?.CheckID
  t.same(ids(view.PassedChecks), [id(0), id(5)])
  t.same(ids(view.FailedChecks), [id(1), id(6)])
  t.same(ids(view.ExemptedChecks), [id(2)])
  t.same(ids(view.NotApplicableChecks), [id(3)])
  t.same(ids(view.ManualReviewChecks), [id(4)])
  t.strictSame(view.PassedChecks[0], { CheckID: id(0), Name: 'Check 0', Severity: 'High' }, 'items carry ID, name and severity only')
  t.strictSame(Object.keys(view), [
    'AssetID', 'StandardID', 'StandardName', 'StandardVersion', 'JobRunID', 'EvaluationDate', 'Score',
    'PassedChecks', 'FailedChecks', 'ExemptedChecks', 'NotApplicableChecks', 'ManualReviewChecks'
  ], 'property order as serialized')
  t.match(view, {
    AssetID: result.AssetID,
    StandardID: result.StandardID,
    StandardName: result.StandardName,
    StandardVersion: '2.3',
    JobRunID: result.JobRunID,
    EvaluationDate: result.EvaluationDate,
    Score: 50
  })
  t.equal(firstSchemaError(ResultsResponseSchema, view), undefined, 'matches ResultsResponseSchema')
  t.same(new Set(Object.values(CHECK_LIST_OF)).size, CHECK_OUTCOMES.length, 'one list per outcome')
})

t.test('CheckIDList narrows the lists; any GUID form; unknown IDs ignored; empty means all', async (t) => {
  const result = makeResult(['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview'], 50)
  const id = (i: number) => result.Checks[i]?.CheckID ?? ''
  const count = (view: ReturnType<typeof resultsView>) =>
    view.PassedChecks.length + view.FailedChecks.length + view.ExemptedChecks.length + view.NotApplicableChecks.length + view.ManualReviewChecks.length

  const some = resultsView(result, [id(1).toUpperCase(), `{${id(4)}}`, CHECK])
  t.same(some.FailedChecks.map((c) => c.CheckID), [id(1)])
  t.same(some.ManualReviewChecks.map((c) => c.CheckID), [id(4)])
  t.equal(count(some), 2, 'only the listed checks; the unknown one is ignored')
  t.equal(some.Score, 50, 'the score stays the evaluation\'s score')

  t.equal(count(resultsView(result, [CHECK])), 0, 'only unknown IDs: every list empty')
  t.equal(count(resultsView(result, [])), 5, 'empty list: every check')
  t.equal(count(resultsView(result, undefined)), 5, 'no list: every check')
  t.equal(count(resultsView(result, [id(0), id(0)])), 1, 'a repeated ID lists the check once')
})
