import t from 'tap'
import {
  buildReportWorkbook, contentDisposition, isSupportedReportFileType, reportFileName, ReportsQuerySchema, XLSX_CONTENT_TYPE
} from '../../../src/domain/runs/report-workbook.js'
import { firstSchemaError } from '../../../src/schema-check.js'
import { RHEL_STANDARD, WINDOWS_ASSET } from '../../helpers/build.js'
import { makeAsset, makeResult, makeStandard } from '../../helpers/evaluation-data.js'
import { readWorkbook as readBack, rowValues, sheet } from '../../helpers/workbook.js'

const asset = makeAsset()
const standard = makeStandard([])
const result = makeResult(['Passed', 'Failed', 'Exempted', 'NotApplicable', 'ManualReview', 'Passed'], 66.7)
const generatedAt = Date.UTC(2026, 10, 29, 8, 30, 0)

t.test('the report is a real .xlsx: a ZIP with a Summary and a Checks sheet', async (t) => {
  const buffer = await buildReportWorkbook({ asset, standard, result, job: { JobName: 'Weekly RHEL CER' }, generatedAt })
  t.ok(Buffer.isBuffer(buffer))
  t.same([...buffer.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'starts with the ZIP signature PK\\3\\4')
  const workbook = await readBack(buffer)
  t.same(workbook.worksheets.map((w) => w.name), ['Summary', 'Checks'])
  t.equal(workbook.creator, 'Control Compliance Suite')
  t.equal(workbook.created.getTime(), generatedAt, 'document dates are the generation time')
})

t.test('Checks sheet: styled frozen header with a filter, one row per check', async (t) => {
  const ws = sheet(await readBack(await buildReportWorkbook({ asset, standard, result, generatedAt })), 'Checks')
  t.same(rowValues(ws, 1), ['Check ID', 'Name', 'Severity', 'Outcome'])
  t.equal(ws.getRow(1).getCell(1).font?.bold, true, 'header bold')
  t.match(ws.getRow(1).getCell(1).fill, { type: 'pattern', pattern: 'solid' }, 'header filled')
  t.match(ws.views[0], { state: 'frozen', ySplit: 1 }, 'header row frozen')
  t.match(ws.autoFilter, /^A1:D7$/, 'auto filter over the table')
  t.same(ws.columns.map((c) => c.width), [38, 80, 10, 16], 'column widths')
  t.equal(ws.actualRowCount, result.Checks.length + 1)
  const labels = ['Passed', 'Failed', 'Exempted', 'Not Applicable', 'Manual Review', 'Passed']
  result.Checks.forEach((check, i) => {
    t.same(rowValues(ws, i + 2), [check.CheckID, check.Name, check.Severity, labels[i]], `row ${i + 2}`)
  })
})

t.test('Summary sheet: asset, standard, run, dates, score and counts', async (t) => {
  const ws = sheet(await readBack(await buildReportWorkbook({ asset, standard, result, job: { JobName: 'Weekly RHEL CER' }, generatedAt })), 'Summary')
  t.same(rowValues(ws, 1), ['Property', 'Value'])
  t.match(ws.views[0], { state: 'frozen', ySplit: 1 })
  const values = new Map<string, unknown>()
  ws.eachRow((row, n) => { if (n > 1) values.set(String(row.getCell(1).value), row.getCell(2).value) })
  t.same(Object.fromEntries(values), {
    Asset: 'rhel-test-01',
    'Asset ID': asset.ID,
    'Asset Type': asset.Type,
    'Asset Path': asset.Path,
    Standard: result.StandardName,
    'Standard ID': result.StandardID,
    'Standard Version': '2.3',
    Platform: 'Unix',
    Job: 'Weekly RHEL CER',
    'Job Run ID': result.JobRunID,
    'Evaluation Date': new Date(Date.UTC(2026, 10, 28, 6, 1, 44, 123)),
    'Report Generated': new Date(generatedAt),
    Score: 66.7,
    Passed: 2,
    Failed: 1,
    Exempted: 1,
    'Not Applicable': 1,
    'Manual Review': 1,
    'Total Checks': 6
  })
  const scoreRow = ws.getRows(1, ws.rowCount)?.find((r) => r.getCell(1).value === 'Score')
  t.equal(scoreRow?.getCell(2).numFmt, '0.0', 'score shown with one decimal')
})

t.test('Summary without a job leaves the Job cell empty', async (t) => {
  const ws = sheet(await readBack(await buildReportWorkbook({ asset, standard, result, generatedAt })), 'Summary')
  const jobRow = ws.getRows(1, ws.rowCount)?.find((r) => r.getCell(1).value === 'Job')
  t.equal(jobRow?.getCell(2).value ?? '', '')
})

t.test('HTTP: content type, file name and Content-Disposition', async (t) => {
  t.equal(XLSX_CONTENT_TYPE, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  t.equal(reportFileName(asset, standard, generatedAt), 'EvaluationReport_rhel-test-01_CCS_Security_Essentials_for_Red_Hat_Enterprise_Linux_20261129083000.xlsx')
  const odd = makeAsset()
  odd.DisplayName = '  "db2\\prod" é/01;  '
  t.equal(reportFileName(odd, makeStandard([]), generatedAt).split('_').slice(0, 3).join('_'), 'EvaluationReport_db2_prod', 'only header-safe characters')
  t.match(reportFileName(odd, makeStandard([]), generatedAt), /^[A-Za-z0-9._-]+$/)
  t.equal(contentDisposition('a.xlsx'), 'attachment; filename="a.xlsx"')
})

t.test('ReportFileType: only excel, any case; absent means excel', async (t) => {
  const rows: Array<[string | undefined, boolean]> = [[undefined, true], ['excel', true], ['Excel', true], [' EXCEL ', true], ['pdf', false], ['', false], ['xlsx', false]]
  for (const [value, ok] of rows) t.equal(isSupportedReportFileType(value), ok, String(value))
  t.equal(firstSchemaError(ReportsQuerySchema, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, ReportFileType: 'excel' }), undefined)
  t.equal(firstSchemaError(ReportsQuerySchema, { AssetID: WINDOWS_ASSET })?.keyword, 'required', 'StandardID required')
  t.equal(firstSchemaError(ReportsQuerySchema, { AssetID: WINDOWS_ASSET, StandardID: RHEL_STANDARD, JobRunID: 'x' })?.keyword, 'format')
})
