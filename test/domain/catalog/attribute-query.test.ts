// The Attributes search language (spec §6): one row per rule and boundary.
import t from 'tap'
import { AttributeQueryError, attributesOf, matchesAttributeQuery, parseAttributeQuery, type AttributeQuery } from '../../../src/domain/catalog/attribute-query.js'

type AttributeRecord = Record<string, readonly string[]>

/** Attribute names compare case-insensitively, as the callers' lookups do. */
function lookupIn (record: AttributeRecord): (attribute: string) => readonly string[] | undefined {
  const byName = new Map(Object.entries(record).map(([name, values]) => [name.toLowerCase(), values]))
  return (attribute) => byName.get(attribute.toLowerCase())
}

function matches (query: string, record: AttributeRecord): boolean {
  return matchesAttributeQuery(parseAttributeQuery(query), lookupIn(record))
}

const redHat: AttributeRecord = { displayName: ['CIS Red Hat Enterprise Linux 7'], path: ['standards\\predefined\\unix'] }
const name = (...values: string[]): AttributeRecord => ({ displayName: values })
const abc: AttributeRecord = { a: ['1'], b: ['2'], c: ['3'] }

interface MatchRow {
  name: string
  query: string
  record: AttributeRecord
  matches: boolean
}

function matchTable (title: string, rows: MatchRow[]): void {
  t.test(title, async (t) => {
    for (const row of rows) {
      t.equal(matches(row.query, row.record), row.matches, `${row.name}: ${row.query}`)
    }
  })
}

matchTable('operators', [
  { name: '= matches the whole value', query: 'displayName = web01', record: name('web01'), matches: true },
  { name: '= rejects a longer value', query: 'displayName = web', record: name('web01'), matches: false },
  { name: '= without spaces', query: 'displayName=web01', record: name('web01'), matches: true },
  { name: 'Contains finds a substring', query: 'displayName Contains Hat', record: redHat, matches: true },
  { name: 'Contains misses', query: 'displayName Contains Debian', record: redHat, matches: false },
  { name: 'StartsWith finds a prefix', query: 'displayName StartsWith CIS Red', record: redHat, matches: true },
  { name: 'StartsWith is anchored', query: 'displayName StartsWith Red', record: redHat, matches: false },
  { name: 'value keeps inner spaces', query: 'displayName Contains red  hat', record: redHat, matches: false },
  { name: 'surrounding whitespace is trimmed', query: '  displayName   =   web01   ', record: name('web01'), matches: true },
  { name: 'tabs and newlines are whitespace', query: 'displayName\tContains\nweb', record: name('web01'), matches: true }
])

matchTable('values compare case-insensitively (SQL Server default collation)', [
  { name: '= ignores case', query: 'displayName = WEB01', record: name('web01'), matches: true },
  { name: 'Contains ignores case', query: 'displayName Contains RED HAT', record: redHat, matches: true },
  { name: 'StartsWith ignores case', query: 'displayName StartsWith cis', record: redHat, matches: true },
  { name: 'non-ASCII letters fold', query: 'displayName = ÉCOLE', record: name('école'), matches: true },
  { name: 'attribute names are looked up case-insensitively', query: 'DISPLAYNAME = web01', record: name('web01'), matches: true }
])

matchTable('wildcards', [
  { name: '= with * at the end', query: 'displayName = web*', record: name('web01'), matches: true },
  { name: '= with * at the start', query: 'displayName = *01', record: name('web01'), matches: true },
  { name: '= with * in the middle', query: 'displayName = w*1', record: name('web01'), matches: true },
  { name: '= with * in the middle stays anchored', query: 'displayName = w*0', record: name('web01'), matches: false },
  { name: '= with * alone matches any value', query: 'displayName = *', record: name('anything'), matches: true },
  { name: '= with * alone matches an empty value', query: 'displayName = *', record: name(''), matches: true },
  { name: '* matches an empty run', query: 'displayName = web*01', record: name('web01'), matches: true },
  { name: 'several wildcards', query: 'displayName = *e*0*', record: name('web01'), matches: true },
  { name: 'segments may not overlap', query: 'displayName = ab*ba', record: name('aba'), matches: false },
  { name: 'repeated ** is one wildcard', query: 'displayName = we**1', record: name('web01'), matches: true },
  { name: 'Contains with * in the middle', query: 'displayName Contains red*linux', record: redHat, matches: true },
  { name: 'Contains with * keeps order', query: 'displayName Contains linux*red', record: redHat, matches: false },
  { name: 'StartsWith with * in the middle', query: 'displayName StartsWith CIS*Hat', record: redHat, matches: true },
  { name: 'StartsWith with * stays anchored', query: 'displayName StartsWith Red*Linux', record: redHat, matches: false },
  { name: 'vendor sample: = All DB2 *', query: 'displayName = All DB2 *', record: name('All DB2 Servers'), matches: true },
  { name: 'vendor sample: = All DB2 * needs the prefix', query: 'displayName = All DB2 *', record: name('DB2 Servers'), matches: false },
  { name: 'vendor sample: (displayName Contains red hat)', query: '(displayName Contains red hat)', record: redHat, matches: true },
  { name: 'vendor sample: (displayName StartsWith CIS)', query: '(displayName StartsWith CIS)', record: redHat, matches: true }
])

matchTable('regular expression characters are literal', [
  { name: '. is not any character', query: 'displayName = a.b', record: name('axb'), matches: false },
  { name: '. matches itself', query: 'displayName = a.b', record: name('A.B'), matches: true },
  { name: 'quoted parentheses', query: 'displayName = "(x)"', record: name('(x)'), matches: true },
  { name: 'brackets are not a class', query: 'displayName = [1]', record: name('1'), matches: false },
  { name: 'brackets match themselves', query: 'displayName Contains [1]', record: name('disk[1]'), matches: true },
  { name: 'other metacharacters', query: 'displayName = ^a+b?{2}$\\/', record: name('^a+b?{2}$\\/'), matches: true },
  { name: 'metacharacters around a wildcard', query: 'displayName = a.*+b', record: name('a.xyz+b'), matches: true },
  { name: 'an opening parenthesis in an unquoted value', query: 'displayName StartsWith f(', record: name('f(x'), matches: true }
])

matchTable('multi-valued and missing attributes', [
  { name: 'any value may match', query: 'ip = 10.0.0.2', record: { ip: ['10.0.0.1', '10.0.0.2'] }, matches: true },
  { name: 'no value matches', query: 'ip = 10.0.0.3', record: { ip: ['10.0.0.1', '10.0.0.2'] }, matches: false },
  { name: 'an empty value list never matches', query: 'ip = *', record: { ip: [] }, matches: false },
  { name: 'a missing attribute never matches', query: 'owner = *', record: { ip: ['10.0.0.1'] }, matches: false },
  { name: 'a missing attribute does not fail the whole OR', query: 'owner = x | ip = 10.0.0.1', record: { ip: ['10.0.0.1'] }, matches: true },
  { name: 'Contains "" matches any present value', query: 'ip Contains ""', record: { ip: ['x'] }, matches: true },
  { name: '= "" matches an empty value', query: 'ip = ""', record: { ip: ['x', ''] }, matches: true },
  { name: '= "" misses a non-empty value', query: 'ip = ""', record: { ip: ['x'] }, matches: false }
])

matchTable('AND, OR and parentheses', [
  { name: ', is AND (both true)', query: 'a = 1, b = 2', record: abc, matches: true },
  { name: ', is AND (one false)', query: 'a = 1, b = 9', record: abc, matches: false },
  { name: '& is AND', query: 'a = 1 & b = 9', record: abc, matches: false },
  { name: '& without spaces', query: 'a=1&b=2', record: abc, matches: true },
  { name: '| is OR', query: 'a = 9 | b = 2', record: abc, matches: true },
  { name: '| with both false', query: 'a = 9 | b = 9', record: abc, matches: false },
  { name: 'AND binds tighter than OR (left)', query: 'a = 9, b = 9 | c = 3', record: abc, matches: true },
  { name: 'AND binds tighter than OR (right)', query: 'c = 3 | a = 9 & b = 9', record: abc, matches: true },
  { name: 'AND binds tighter than OR (false)', query: 'a = 9 | b = 2, c = 9', record: abc, matches: false },
  { name: 'parentheses override precedence', query: '(a = 9 | b = 2), c = 9', record: abc, matches: false },
  { name: 'parentheses override precedence (true)', query: '(a = 9 | c = 3) & b = 2', record: abc, matches: true },
  { name: 'nested groups', query: '((a = 1 | a = 9) , (b = 9 | (c = 3)))', record: abc, matches: true },
  { name: 'nested groups (false)', query: '((a = 1 | a = 9) , (b = 9 | (c = 9)))', record: abc, matches: false },
  { name: '32 levels of nesting', query: `${'('.repeat(32)}a = 1${')'.repeat(32)}`, record: abc, matches: true },
  { name: 'whitespace around groups and separators', query: ' ( a = 1 )  ,  ( b = 2 ) ', record: abc, matches: true }
])

matchTable('quoted values', [
  { name: 'a comma inside quotes', query: 'displayName = "a,b"', record: name('a,b'), matches: true },
  { name: 'all separators inside quotes', query: 'displayName = "a,b&c|d)e"', record: name('a,b&c|d)e'), matches: true },
  { name: 'quotes next to unquoted text join', query: 'displayName = x"a,b"y', record: name('xa,by'), matches: true },
  { name: 'quoted whitespace is kept', query: 'displayName = " web "', record: name(' web '), matches: true },
  { name: 'quoted whitespace is not trimmed away', query: 'displayName = " web "', record: name('web'), matches: false },
  { name: '\\" is a quote', query: 'displayName = "say \\"hi\\""', record: name('say "hi"'), matches: true },
  { name: '\\\\ is a backslash', query: 'displayName = "a\\\\b"', record: name('a\\b'), matches: true },
  { name: 'another backslash is literal', query: 'path = "standards\\predefined\\unix"', record: redHat, matches: true },
  { name: '* inside quotes is still a wildcard', query: 'displayName = "web*"', record: name('web01'), matches: true },
  { name: 'a quoted value followed by AND', query: 'displayName = "a,b", b = 2', record: { displayName: ['a,b'], b: ['2'] }, matches: true }
])

matchTable('empty query', [
  { name: 'empty text matches everything', query: '', record: {}, matches: true },
  { name: 'whitespace matches everything', query: ' \t\r\n ', record: {}, matches: true }
])

interface ErrorRow {
  name: string
  query: string
  position: number
  message: string
}

t.test('malformed queries throw AttributeQueryError at the fault', async (t) => {
  const rows: ErrorRow[] = [
    { name: 'attribute alone', query: 'displayName', position: 11, message: 'Expected an operator (=, Contains, StartsWith) after \'displayName\' at position 11.' },
    { name: 'missing operator', query: 'displayName web01', position: 12, message: 'Expected an operator (=, Contains, StartsWith) after \'displayName\' at position 12.' },
    { name: 'unknown operator', query: 'displayName EndsWith x', position: 12, message: 'Expected an operator (=, Contains, StartsWith) after \'displayName\' at position 12.' },
    { name: 'not an operator symbol', query: 'displayName != x', position: 12, message: 'Expected an operator (=, Contains, StartsWith) after \'displayName\' at position 12.' },
    { name: 'operator glued to the name', query: 'displayNameContains x', position: 20, message: 'Expected an operator (=, Contains, StartsWith) after \'displayNameContains\' at position 20.' },
    { name: 'lower-case contains', query: 'displayName contains red', position: 12, message: 'Unknown operator \'contains\' at position 12; operators are case-sensitive: =, Contains, StartsWith.' },
    { name: 'upper-case STARTSWITH', query: 'displayName STARTSWITH CIS', position: 12, message: 'Unknown operator \'STARTSWITH\' at position 12; operators are case-sensitive: =, Contains, StartsWith.' },
    { name: 'lower-case startswith in a group', query: '(a = 1, displayName startswith CIS)', position: 20, message: 'Unknown operator \'startswith\' at position 20; operators are case-sensitive: =, Contains, StartsWith.' },
    { name: 'word operator glued to the value', query: 'displayName Contains"red"', position: 20, message: 'Expected whitespace after \'Contains\' at position 20.' },
    { name: 'missing value at the end', query: 'displayName Contains', position: 20, message: 'Missing value after \'Contains\' at position 20.' },
    { name: 'missing value: only whitespace', query: 'displayName =   ', position: 16, message: 'Missing value after \'=\' at position 16.' },
    { name: 'missing value before a separator', query: 'displayName =, b = 2', position: 13, message: 'Missing value after \'=\' at position 13.' },
    { name: 'missing value before )', query: '(displayName StartsWith )', position: 24, message: 'Missing value after \'StartsWith\' at position 24.' },
    { name: 'unclosed (', query: '(a = 1', position: 0, message: 'Unbalanced parenthesis at position 0.' },
    { name: 'unclosed inner (', query: '(a = 1, (b = 2)', position: 0, message: 'Unbalanced parenthesis at position 0.' },
    { name: 'lone (', query: '(', position: 0, message: 'Unbalanced parenthesis at position 0.' },
    { name: 'stray )', query: 'a = 1)', position: 5, message: 'Unbalanced parenthesis at position 5.' },
    { name: 'one ) too many', query: '(a = 1))', position: 7, message: 'Unbalanced parenthesis at position 7.' },
    { name: 'leading )', query: ')', position: 0, message: 'Expected an attribute name or \'(\' at position 0, found \')\'.' },
    { name: 'leading separator', query: ', a = 1', position: 0, message: 'Expected an attribute name or \'(\' at position 0, found \',\'.' },
    { name: 'leading |', query: '| a = 1', position: 0, message: 'Expected an attribute name or \'(\' at position 0, found \'|\'.' },
    { name: 'trailing separator', query: 'a = 1,', position: 6, message: 'Expected an attribute name or \'(\' at position 6, found the end of the query.' },
    { name: 'trailing & and whitespace', query: 'a = 1 & ', position: 8, message: 'Expected an attribute name or \'(\' at position 8, found the end of the query.' },
    { name: 'trailing |', query: 'a = 1 |', position: 7, message: 'Expected an attribute name or \'(\' at position 7, found the end of the query.' },
    { name: 'doubled separator', query: 'a = 1,, b = 2', position: 6, message: 'Expected an attribute name or \'(\' at position 6, found \',\'.' },
    { name: 'separator before )', query: '(a = 1 |)', position: 8, message: 'Expected an attribute name or \'(\' at position 8, found \')\'.' },
    { name: 'empty group', query: '()', position: 0, message: 'Empty parentheses at position 0.' },
    { name: 'empty inner group', query: 'a = 1, ( )', position: 7, message: 'Empty parentheses at position 7.' },
    { name: 'nesting too deep', query: `${'('.repeat(33)}a = 1${')'.repeat(33)}`, position: 32, message: 'Parentheses are nested deeper than 32 levels at position 32.' },
    { name: 'a quoted attribute name', query: '"displayName" = x', position: 0, message: 'Expected an attribute name or \'(\' at position 0, found \'"\'.' },
    { name: 'unterminated quote', query: 'displayName = "web', position: 14, message: 'Unterminated quoted value starting at position 14.' },
    { name: 'unterminated quote ending in \\"', query: 'displayName = "web\\"', position: 14, message: 'Unterminated quoted value starting at position 14.' },
    { name: 'text after a group', query: '(a = 1) b = 2', position: 8, message: 'Unexpected \'b\' at position 8; expected \',\', \'&\', \'|\' or the end of the query.' },
    { name: 'text after an inner group', query: '((a = 1) b = 2)', position: 9, message: 'Unexpected \'b\' at position 9; expected \',\', \'&\', \'|\' or \')\'.' }
  ]
  for (const row of rows) {
    t.throws(() => parseAttributeQuery(row.query), new AttributeQueryError(row.message, row.position), `${row.name}: ${row.query}`)
    const error = catchError(row.query)
    t.ok(error instanceof AttributeQueryError, `${row.name}: is an AttributeQueryError`)
    t.equal(error?.position, row.position, `${row.name}: position`)
  }
})

function catchError (query: string): AttributeQueryError | undefined {
  try {
    parseAttributeQuery(query)
  } catch (error) {
    return error as AttributeQueryError
  }
  return undefined
}

t.test('parsed terms keep the attribute as written and the unescaped value', async (t) => {
  const rows: Array<{ query: string, attribute: string, operator: string, value: string }> = [
    { query: 'DisplayName = web01', attribute: 'DisplayName', operator: '=', value: 'web01' },
    { query: 'symc-csm.Asset_Type2 Contains x', attribute: 'symc-csm.Asset_Type2', operator: 'Contains', value: 'x' },
    { query: 'n StartsWith  red hat  ', attribute: 'n', operator: 'StartsWith', value: 'red hat' },
    { query: 'n = "a,b"', attribute: 'n', operator: '=', value: 'a,b' },
    { query: 'n = " \\"q\\" \\\\ "', attribute: 'n', operator: '=', value: ' "q" \\ ' },
    { query: 'n = ""', attribute: 'n', operator: '=', value: '' },
    { query: 'n = a "b" c', attribute: 'n', operator: '=', value: 'a b c' }
  ]
  for (const row of rows) {
    const term = parseAttributeQuery(row.query)
    t.has(term, { kind: 'term', attribute: row.attribute, operator: row.operator, value: row.value }, row.query)
  }
})

t.test('attributesOf lists each attribute once, lower-case', async (t) => {
  const rows: Array<{ query: string, attributes: string[] }> = [
    { query: '', attributes: [] },
    { query: 'displayName = x', attributes: ['displayname'] },
    { query: '(JobName = a | jobname = b), LastRunStatus = Failed', attributes: ['jobname', 'lastrunstatus'] },
    { query: '((a = 1), (B = 2 | c = 3))', attributes: ['a', 'b', 'c'] }
  ]
  for (const row of rows) t.same(attributesOf(parseAttributeQuery(row.query)), row.attributes, row.query || '(empty)')
})

t.test('the lookup is called with the attribute as written, and not for short-circuited terms', async (t) => {
  const asked: string[] = []
  const query: AttributeQuery = parseAttributeQuery('DisplayName = x | Path = y, Owner = z')
  matchesAttributeQuery(query, (attribute) => {
    asked.push(attribute)
    return attribute === 'DisplayName' ? ['x'] : undefined
  })
  t.same(asked, ['DisplayName'])
})

t.test('wildcards stay linear on hostile input', async (t) => {
  // A backtracking RegExp for this pattern takes far longer than the test timeout.
  const query = parseAttributeQuery(`v = ${'*a'.repeat(30)}*b`)
  const value = 'a'.repeat(5000)
  const started = performance.now()
  t.equal(matchesAttributeQuery(query, () => [value]), false)
  t.ok(performance.now() - started < 1000, 'matched within a second')
})

t.test('one parsed query matches many records', async (t) => {
  const query = parseAttributeQuery('(displayName StartsWith host-1 | displayName = *-7), type Contains unix')
  const lookups = Array.from({ length: 10_000 }, (_, i) => lookupIn({ displayName: [`host-${i}`], type: [i % 2 === 0 ? 'Unix-Machine' : 'Windows'] }))
  const hits = lookups.filter((lookup) => matchesAttributeQuery(query, lookup)).length
  const expected = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 2 === 0 && (`${i}`.startsWith('1') || i === 7)).length
  t.equal(hits, expected)
})
