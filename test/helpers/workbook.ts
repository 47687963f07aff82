import ExcelJS from 'exceljs'

/** An .xlsx file read back with exceljs. */
export async function readWorkbook (buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  return workbook
}

export function sheet (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name)
  if (found === undefined) throw new Error(`no sheet ${name}`)
  return found
}

/** The cell values of a row (1-based), from its first column. */
export const rowValues = (ws: ExcelJS.Worksheet, row: number): unknown[] => (ws.getRow(row).values as unknown[]).slice(1)
