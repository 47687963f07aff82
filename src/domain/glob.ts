/**
 * `*` wildcards over a whole value, compared case-insensitively (Unicode case folding).
 * Used by the `Attributes` search language and the control plane's path filters.
 */
export function globMatcher (glob: string): (value: string) => boolean {
  const segments = glob.split('*')
  if (segments.length === 1) {
    const exact = new RegExp(`^${escapeRegExp(glob)}$`, 'iu')
    return (candidate) => exact.test(candidate)
  }
  return globTest(segments)
}

/**
 * Matches the literal segments between wildcards left to right, each at its leftmost
 * place. A single `^a.*b.*c$` RegExp would backtrack polynomially in the number of
 * wildcards, and both patterns and values come from clients.
 */
function globTest (segments: string[]): (value: string) => boolean {
  // split() on a text with a '*' yields at least two segments.
  const head = segments[0] as string
  const tail = segments[segments.length - 1] as string
  const middle = segments.slice(1, -1).filter((s) => s !== '')
  // lastIndex carries the search position; safe because matching never yields.
  const headRe = head === '' ? undefined : new RegExp(escapeRegExp(head), 'iuy')
  const middleRes = middle.map((s) => new RegExp(escapeRegExp(s), 'iug'))
  const tailRe = tail === '' ? undefined : new RegExp(`(?:${escapeRegExp(tail)})$`, 'iug')
  return (candidate) => {
    let pos = 0
    if (headRe !== undefined) {
      headRe.lastIndex = 0
      if (!headRe.test(candidate)) return false
      pos = headRe.lastIndex
    }
    for (const re of middleRes) {
      re.lastIndex = pos
      if (!re.test(candidate)) return false
      pos = re.lastIndex
    }
    if (tailRe === undefined) return true
    tailRe.lastIndex = pos
    return tailRe.test(candidate)
  }
}

function escapeRegExp (literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
}

/**
 * The same text for any two texts the matcher's case-insensitive comparison equates,
 * code point by code point (so a folded needle is inside a folded value wherever the
 * matcher would find it): the key of the catalog's search indexes. `toLowerCase` alone
 * is not one: it leaves `ſ` apart from `s` and `ς` apart from `σ`, and lowers `Σ` by
 * its place in the word. Checked against the RegExp engine for every cased code point.
 */
export function foldCase (text: string): string {
  if (/^[\u0000-\u007f]*$/.test(text)) return text.toLowerCase()
  let folded = ''
  for (const char of text) folded += foldChar(char)
  return folded
}

/** Pairs the RegExp engine equates that upper- then lower-casing keeps apart. */
const FOLD_EXCEPTIONS: ReadonlyMap<string, string> = new Map([['\u1fd3', '\u0390'], ['\u1fe3', '\u03b0'], ['\ufb05', '\ufb06']])

const foldChar = (char: string): string => FOLD_EXCEPTIONS.get(char) ?? lowerOfUpper(char)

/** One code point for one: a case mapping that would make two (`ß` to `SS`) is not taken. */
function lowerOfUpper (char: string): string {
  const upper = char.toUpperCase()
  const base = isOneCodePoint(upper) ? upper : char
  const lower = base.toLowerCase()
  return isOneCodePoint(lower) ? lower : base
}

const isOneCodePoint = (text: string): boolean => text.length === 1 || (text.length === 2 && (text.codePointAt(0) as number) > 0xffff)
