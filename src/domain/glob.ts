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
