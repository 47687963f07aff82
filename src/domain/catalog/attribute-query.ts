/**
 * The `Attributes` search language of `GET Assets|AssetGroup|Standards|Jobs?Attributes=`
 * (spec §6): terms `<attribute> <operator> <value>` joined by `,`/`&` (AND) and `|`
 * (OR), AND binding tighter, parentheses to group. Operators are case-sensitive,
 * values compare case-insensitively and `*` is a wildcard.
 *
 * Parse once, match many: each term's comparison is compiled at parse time.
 */
import { globMatcher } from '../glob.js'

export type Operator = '=' | 'Contains' | 'StartsWith'

export interface Term {
  readonly kind: 'term'
  /** As written; the caller's lookup decides how names compare. */
  readonly attribute: string
  readonly operator: Operator
  /** Unquoted and unescaped; `*` still stands for the wildcard. */
  readonly value: string
  readonly test: (value: string) => boolean
}

export interface Junction {
  readonly kind: 'and' | 'or'
  readonly operands: readonly AttributeQuery[]
}

/** An empty query: every record matches. */
export interface MatchAll {
  readonly kind: 'all'
}

export type AttributeQuery = MatchAll | Junction | Term

/** A query the parser rejects; `position` is the 0-based offset of the fault. */
export class AttributeQueryError extends Error {
  override readonly name = 'AttributeQueryError'
  readonly position: number

  constructor (message: string, position: number) {
    super(message)
    this.position = position
  }
}

const OPERATORS: readonly Operator[] = ['=', 'Contains', 'StartsWith']
const OPERATOR_LIST = OPERATORS.join(', ')
const MAX_NESTING = 32
const NAME_CHAR = /[\p{L}\p{N}_.-]/u
const WHITESPACE = /\s/u
const AND = new Set([',', '&'])
const VALUE_END = new Set([',', '&', '|', ')'])

/**
 * Parses an `Attributes` query. An empty or whitespace-only text matches everything.
 * @throws AttributeQueryError when the text is malformed.
 */
export function parseAttributeQuery (text: string): AttributeQuery {
  return new Parser(text).parseQuery()
}

/**
 * Whether a record matches. `lookup` returns the record's values for an attribute
 * name (as written in the query), or undefined when the record has no such attribute;
 * a term matches when any value matches, and never on a missing attribute.
 */
export function matchesAttributeQuery (query: AttributeQuery, lookup: (attribute: string) => readonly string[] | undefined): boolean {
  switch (query.kind) {
    case 'all':
      return true
    case 'and':
      for (const operand of query.operands) if (!matchesAttributeQuery(operand, lookup)) return false
      return true
    case 'or':
      for (const operand of query.operands) if (matchesAttributeQuery(operand, lookup)) return true
      return false
    case 'term': {
      const values = lookup(query.attribute)
      if (values === undefined) return false
      for (const value of values) if (query.test(value)) return true
      return false
    }
  }
}

/** Attribute names the query mentions (lower-case, unique), so callers can reject unknown attributes if they want. */
export function attributesOf (query: AttributeQuery): string[] {
  const names = new Set<string>()
  const visit = (node: AttributeQuery): void => {
    if (node.kind === 'term') names.add(node.attribute.toLowerCase())
    else if (node.kind !== 'all') node.operands.forEach(visit)
  }
  visit(query)
  return [...names]
}

class Parser {
  private pos = 0
  private depth = 0

  constructor (private readonly text: string) {}

  parseQuery (): AttributeQuery {
    this.skipWhitespace()
    if (this.atEnd()) return { kind: 'all' }
    const query = this.parseOr()
    this.skipWhitespace()
    if (this.atEnd()) return query
    if (this.peek() === ')') throw unbalanced(this.pos)
    throw this.unexpected("',', '&', '|' or the end of the query")
  }

  private parseOr (): AttributeQuery {
    return this.parseJunction('or', (c) => c === '|', () => this.parseAnd())
  }

  private parseAnd (): AttributeQuery {
    return this.parseJunction('and', (c) => AND.has(c), () => this.parsePrimary())
  }

  private parseJunction (kind: Junction['kind'], isSeparator: (c: string) => boolean, parseOperand: () => AttributeQuery): AttributeQuery {
    const operands = [parseOperand()]
    for (;;) {
      this.skipWhitespace()
      if (this.atEnd() || !isSeparator(this.peek())) break
      this.pos++
      operands.push(parseOperand())
    }
    return operands.length === 1 ? operands[0] as AttributeQuery : { kind, operands }
  }

  private parsePrimary (): AttributeQuery {
    this.skipWhitespace()
    return this.peek() === '(' ? this.parseGroup() : this.parseTerm()
  }

  private parseGroup (): AttributeQuery {
    const open = this.pos
    if (++this.depth > MAX_NESTING) {
      throw new AttributeQueryError(`Parentheses are nested deeper than ${MAX_NESTING} levels at position ${open}.`, open)
    }
    this.pos++
    this.skipWhitespace()
    if (this.atEnd()) throw unbalanced(open)
    if (this.peek() === ')') throw new AttributeQueryError(`Empty parentheses at position ${open}.`, open)
    const inner = this.parseOr()
    this.skipWhitespace()
    if (this.atEnd()) throw unbalanced(open)
    if (this.peek() !== ')') throw this.unexpected("',', '&', '|' or ')'")
    this.pos++
    this.depth--
    return inner
  }

  private parseTerm (): Term {
    const attribute = this.readName()
    if (attribute === '') {
      const found = this.atEnd() ? 'the end of the query' : `'${this.peek()}'`
      throw new AttributeQueryError(`Expected an attribute name or '(' at position ${this.pos}, found ${found}.`, this.pos)
    }
    const operator = this.readOperator(attribute)
    const value = this.readValue(operator)
    return { kind: 'term', attribute, operator, value, test: compileTest(operator, value) }
  }

  private readName (): string {
    const start = this.pos
    while (!this.atEnd() && NAME_CHAR.test(this.peek())) this.pos++
    return this.text.slice(start, this.pos)
  }

  private readOperator (attribute: string): Operator {
    this.skipWhitespace()
    const at = this.pos
    if (this.peek() === '=') {
      this.pos++
      return '='
    }
    const word = this.readName()
    const operator = OPERATORS.find((op) => op === word)
    if (operator === undefined) {
      if (OPERATORS.some((op) => op.toLowerCase() === word.toLowerCase())) {
        throw new AttributeQueryError(`Unknown operator '${word}' at position ${at}; operators are case-sensitive: ${OPERATOR_LIST}.`, at)
      }
      throw new AttributeQueryError(`Expected an operator (${OPERATOR_LIST}) after '${attribute}' at position ${at}.`, at)
    }
    if (!this.atEnd() && !WHITESPACE.test(this.peek()) && !VALUE_END.has(this.peek())) {
      throw new AttributeQueryError(`Expected whitespace after '${operator}' at position ${this.pos}.`, this.pos)
    }
    return operator
  }

  /**
   * Unquoted text runs to the next `,` `&` `|` `)`; quoted segments may hold those and
   * are joined to the unquoted text around them, as in a shell word. Unquoted
   * whitespace at either end is trimmed; quoted whitespace is kept.
   */
  private readValue (operator: Operator): string {
    this.skipWhitespace()
    const start = this.pos
    let value = ''
    let kept = 0
    let present = false
    while (!this.atEnd() && !VALUE_END.has(this.peek())) {
      const c = this.peek()
      if (c === '"') {
        value += this.readQuoted()
      } else {
        value += c
        this.pos++
        if (WHITESPACE.test(c)) continue
      }
      kept = value.length
      present = true
    }
    if (!present) throw new AttributeQueryError(`Missing value after '${operator}' at position ${start}.`, start)
    return value.slice(0, kept)
  }

  /** `\"` and `\\` are escapes; any other backslash is literal, so Windows paths need no doubling. */
  private readQuoted (): string {
    const open = this.pos++
    let value = ''
    while (!this.atEnd()) {
      const c = this.text[this.pos++] as string
      if (c === '"') return value
      const next = this.text[this.pos]
      if (c === '\\' && (next === '"' || next === '\\')) {
        value += next
        this.pos++
      } else {
        value += c
      }
    }
    throw new AttributeQueryError(`Unterminated quoted value starting at position ${open}.`, open)
  }

  private unexpected (expected: string): AttributeQueryError {
    return new AttributeQueryError(`Unexpected '${this.peek()}' at position ${this.pos}; expected ${expected}.`, this.pos)
  }

  private skipWhitespace (): void {
    while (!this.atEnd() && WHITESPACE.test(this.peek())) this.pos++
  }

  private peek (): string {
    return this.text[this.pos] ?? ''
  }

  private atEnd (): boolean {
    return this.pos >= this.text.length
  }
}

function unbalanced (position: number): AttributeQueryError {
  return new AttributeQueryError(`Unbalanced parenthesis at position ${position}.`, position)
}

/** Every operator is a glob over the whole value: `Contains v` is `*v*`, `StartsWith v` is `v*`. */
function compileTest (operator: Operator, value: string): (value: string) => boolean {
  return globMatcher(operator === 'Contains' ? `*${value}*` : operator === 'StartsWith' ? `${value}*` : value)
}
