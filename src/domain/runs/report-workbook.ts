import writeXlsxFile, { type Cell, type CellObject, type Feature, type Sheet, type SheetData } from 'write-excel-file/node'
import { getCellAddress, getOrderOfSiblings, insertElementMarkupAccordingToOrderOfSiblings } from 'write-excel-file/utility'
import { Type, type Static } from 'typebox'
import type { Asset, Standard } from '../../schemas/catalog.js'
import { Guid } from '../../schemas/common.js'
import { CHECK_OUTCOMES, type CheckOutcome, type EvaluationResult } from '../../schemas/run.js'
import { parseDotNetDate } from '../dotnet/dotnet-time.js'

// What write-excel-file/node writes files from (the package does not export the type's name).
type FileContent = Parameters<typeof writeXlsxFile>[0] extends Array<Sheet<infer C>> ? C : never

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

const HEADER_STYLE: CellStyle = { fontWeight: 'bold', textColor: '#FFFFFF', backgroundColor: '#1F4E78', alignVertical: 'center' }
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss'

type CellStyle = Omit<CellObject, 'value' | 'type'>
type Column = { header: string, width: number, style?: CellStyle }

interface Table {
  sheet: string
  columns: Column[]
  rows: Cell[][]
}

const headerRow = (columns: readonly Column[]): Cell[] => columns.map(({ header }) => ({ value: header, ...HEADER_STYLE }))

/** A sheet with a bold white-on-blue header row, frozen, and an auto filter over the table. */
function sheetOf (table: Table): Sheet<FileContent> {
  const data = [headerRow(table.columns), ...table.rows.map((row) => row.map((cell, i) => ({ ...table.columns[i]?.style, ...(typeof cell === 'object' && cell !== null && !(cell instanceof Date) ? cell : { value: cell }) })))]
  return { sheet: table.sheet, data: data as SheetData, columns: table.columns.map(({ width }) => ({ width })), stickyRowsCount: 1 }
}

function summaryTable (input: ReportInput): Table {
  const { asset, standard, result } = input
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
  return {
    sheet: 'Summary',
    columns: [{ header: 'Property', width: 22, style: { fontWeight: 'bold' } }, { header: 'Value', width: 60, style: { align: 'left' } }],
    rows: rows.map(([property, value]): Cell[] => [
      property,
      value instanceof Date
        ? { value, type: Date, format: DATE_FORMAT }
        : property === 'Score' ? { value, type: Number, format: '0.0' } : value
    ])
  }
}

function checksTable (result: EvaluationResult): Table {
  return {
    sheet: 'Checks',
    columns: [
      { header: 'Check ID', width: 38 },
      { header: 'Name', width: 80, style: { wrap: true, alignVertical: 'top' } },
      { header: 'Severity', width: 10 },
      { header: 'Outcome', width: 16 }
    ],
    rows: result.Checks.map((check) => [check.CheckID, check.Name, check.Severity, OUTCOME_LABEL[check.Outcome]])
  }
}

const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** docProps/core.xml: who made the workbook, when, and its title (write-excel-file writes none). */
function coreProperties (title: string, at: Date): Feature<FileContent> {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const author = xmlText(REPORT_AUTHOR)
  return {
    files: {
      write: {
        files: () => ({
          'docProps/core.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            `<dc:title>${xmlText(title)}</dc:title><dc:creator>${author}</dc:creator><cp:lastModifiedBy>${author}</cp:lastModifiedBy>` +
            `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
            '</cp:coreProperties>'
        })
      },
      transform: {
        '[Content_Types].xml': { insert: () => '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' },
        '_rels/.rels': { insert: () => '<Relationship Id="rId-ccs-core" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' }
      }
    }
  }
}

/** An auto filter over each sheet's whole table, header included. */
function autoFilters (tables: readonly Table[]): Feature<FileContent> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) => {
            const table = tables[sheetIndex]
            if (table === undefined) return xml
            const range = `A1:${getCellAddress(table.rows.length, table.columns.length - 1)}`
            return insertElementMarkupAccordingToOrderOfSiblings(xml, `<autoFilter ref="${range}"/>`, getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [], 'worksheet')
          }
        }
      }
    }
  }
}

const REPORT_AUTHOR = 'Control Compliance Suite'

/** The report of one result as `GET Reports` sends it: its file name and workbook, made now, naming the result's job. */
export async function evaluationReport (input: Omit<ReportInput, 'job' | 'generatedAt'>, data: { jobs: { get: (id: string) => { JobName: string } | undefined }, now: number }): Promise<{ name: string, workbook: Buffer }> {
  const job = data.jobs.get(input.result.JobID)
  return {
    name: reportFileName(input.asset, input.standard, data.now),
    workbook: await buildReportWorkbook({ ...input, ...(job === undefined ? {} : { job }), generatedAt: data.now })
  }
}

/** The `GET Reports` Excel workbook (.xlsx): a Summary sheet and one row per check. */
export async function buildReportWorkbook (input: ReportInput): Promise<Buffer> {
  const tables = [summaryTable(input), checksTable(input.result)]
  const title = `Evaluation of ${input.result.StandardName} on ${input.asset.DisplayName}`
  return await writeXlsxFile(tables.map(sheetOf), { features: [coreProperties(title, new Date(input.generatedAt)), autoFilters(tables)] }).toBuffer()
}
