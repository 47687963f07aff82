import type ExcelJS from 'exceljs'
import { Type, type Static } from 'typebox'
import type { Asset, Standard } from '../../schemas/catalog.js'
import { Guid } from '../../schemas/common.js'
import { CHECK_OUTCOMES, type CheckOutcome, type EvaluationResult } from '../../schemas/run.js'
import { parseDotNetDate } from '../dotnet/dotnet-time.js'

/** `GET Reports` query (spec §6; names as in the vendor's page, matched case-insensitively). */
export const ReportsQuerySchema = Type.Object({
  AssetID: Guid({ description: 'The evaluated asset.' }),
  StandardID: Guid({ description: 'The standard the asset was evaluated against.' }),
  ReportFileType: Type.Optional(Type.String({ description: 'Only `excel` (any case) is supported; the default.', examples: ['excel'] })),
  JobRunID: Type.Optional(Guid({ description: 'The job run whose evaluation to report. Default: the latest evaluation.' }))
}, { title: 'ReportsQuery' })

export type ReportsQuery = Static<typeof ReportsQuerySchema>

/** The doc: "Currently, only Microsoft Excel file format is supported." */
export const isSupportedReportFileType = (value: string | undefined): boolean =>
  value === undefined || value.trim().toLowerCase() === 'excel'

export const UNSUPPORTED_REPORT_FILE_TYPE = "The report file type is not supported. Only 'excel' is supported."

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** How the report names each outcome. */
export const OUTCOME_LABEL: Record<CheckOutcome, string> = {
  Passed: 'Passed',
  Failed: 'Failed',
  Exempted: 'Exempted',
  NotApplicable: 'Not Applicable',
  ManualReview: 'Manual Review'
}

export interface ReportInput {
  asset: Asset
  standard: Standard
  result: EvaluationResult
  job?: { JobName: string }
  /** When the report is made, epoch milliseconds. */
  generatedAt: number
}

const fileNamePart = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[_.]+|[_.]+$/g, '').slice(0, 60)

/** `EvaluationReport_<asset>_<standard>_<yyyyMMddHHmmss>.xlsx`, ASCII letters, digits, `._-` only. */
export function reportFileName (asset: Asset, standard: Standard, generatedAt: number): string {
  const stamp = new Date(generatedAt).toISOString().replace(/\D/g, '').slice(0, 14)
  const parts = ['EvaluationReport', fileNamePart(asset.DisplayName), fileNamePart(standard.DisplayName), stamp]
  return `${parts.filter((p) => p !== '').join('_')}.xlsx`
}

/** The `Content-Disposition` header for a download of `fileName` (already header-safe). */
export const contentDisposition = (fileName: string): string => `attachment; filename="${fileName}"`

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } }
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } }
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss'

/** Bold white-on-blue header row, frozen, with an auto filter over the used range. */
function styleHeader (sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1)
  header.font = HEADER_FONT
  header.fill = HEADER_FILL
  header.alignment = { vertical: 'middle' }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(sheet.rowCount, 1), column: sheet.columnCount } }
}

function addSummarySheet (workbook: ExcelJS.Workbook, input: ReportInput): void {
  const { asset, standard, result } = input
  const sheet = workbook.addWorksheet('Summary')
  sheet.columns = [{ header: 'Property', key: 'property', width: 22 }, { header: 'Value', key: 'value', width: 60 }]
  const evaluated = parseDotNetDate(result.EvaluationDate)
  const counts = new Map<CheckOutcome, number>(CHECK_OUTCOMES.map((o) => [o, 0]))
  for (const check of result.Checks) counts.set(check.Outcome, (counts.get(check.Outcome) ?? 0) + 1)
  const rows: Array<[string, string | number | Date]> = [
    ['Asset', asset.DisplayName],
    ['Asset ID', asset.ID],
    ['Asset Type', asset.Type],
    ['Asset Path', asset.Path],
    ['Standard', result.StandardName],
    ['Standard ID', result.StandardID],
    ['Standard Version', result.StandardVersion],
    ['Platform', standard.Platform],
    ['Job', input.job?.JobName ?? ''],
    ['Job Run ID', result.JobRunID],
    ['Evaluation Date', evaluated === undefined ? result.EvaluationDate : new Date(evaluated)],
    ['Report Generated', new Date(input.generatedAt)],
    ['Score', result.Score],
    ...CHECK_OUTCOMES.map((o): [string, number] => [OUTCOME_LABEL[o], counts.get(o) ?? 0]),
    ['Total Checks', result.Checks.length]
  ]
  for (const [property, value] of rows) {
    const row = sheet.addRow({ property, value })
    row.getCell('property').font = { bold: true }
    const cell = row.getCell('value')
    if (value instanceof Date) cell.numFmt = DATE_FORMAT
    if (property === 'Score') cell.numFmt = '0.0'
    cell.alignment = { horizontal: 'left' }
  }
  styleHeader(sheet)
}

function addChecksSheet (workbook: ExcelJS.Workbook, result: EvaluationResult): void {
  const sheet = workbook.addWorksheet('Checks')
  sheet.columns = [
    { header: 'Check ID', key: 'id', width: 38 },
    { header: 'Name', key: 'name', width: 80 },
    { header: 'Severity', key: 'severity', width: 10 },
    { header: 'Outcome', key: 'outcome', width: 16 }
  ]
  for (const check of result.Checks) {
    sheet.addRow({ id: check.CheckID, name: check.Name, severity: check.Severity, outcome: OUTCOME_LABEL[check.Outcome] })
  }
  sheet.getColumn('name').alignment = { wrapText: true, vertical: 'top' }
  styleHeader(sheet)
}

/** The `GET Reports` Excel workbook (.xlsx): a Summary sheet and one row per check. */
export async function buildReportWorkbook (input: ReportInput): Promise<Buffer> {
  // Loaded on the first report: exceljs is large, and start-up should not wait for it.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  const generated = new Date(input.generatedAt)
  workbook.creator = 'Control Compliance Suite'
  workbook.lastModifiedBy = 'Control Compliance Suite'
  workbook.created = generated
  workbook.modified = generated
  workbook.title = `Evaluation of ${input.result.StandardName} on ${input.asset.DisplayName}`
  addSummarySheet(workbook, input)
  addChecksSheet(workbook, input.result)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
