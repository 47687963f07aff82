import { join } from 'node:path'
import { JsonDocument } from './json-document.js'

export interface RefreshTokenRecord {
  /** SHA-256 of the token: the file never holds a usable token. */
  hash: string
  userName: string
  expiresAt: number
}

interface TokensData { refreshTokens: RefreshTokenRecord[] }

const isTokensData = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && Array.isArray((data as TokensData).refreshTokens)

/** Refresh tokens outlive a restart (spec §3), so they are persisted; access tokens are not. */
export class RefreshTokensRepository {
  private constructor (private readonly doc: JsonDocument<TokensData>) {}

  static async open (dataDir: string): Promise<RefreshTokensRepository> {
    return new RefreshTokensRepository(JsonDocument.open<TokensData>(join(dataDir, 'tokens.json'), { refreshTokens: [] }, isTokensData))
  }

  find (hash: string): RefreshTokenRecord | undefined {
    return this.doc.data.refreshTokens.find((t) => t.hash === hash)
  }

  /** Adds `added`, removes `removedHash` and every token expired at `now`, then persists. */
  async replace (added: RefreshTokenRecord, removedHash: string | undefined, now: number): Promise<void> {
    const kept = this.doc.data.refreshTokens.filter((t) => t.hash !== removedHash && t.expiresAt > now)
    kept.push(added)
    this.doc.data.refreshTokens = kept
    await this.doc.write()
  }

  /** Takes a token out of use at once (single use); true when it was there. */
  consume (hash: string): boolean {
    const before = this.doc.data.refreshTokens.length
    this.doc.data.refreshTokens = this.doc.data.refreshTokens.filter((t) => t.hash !== hash)
    return this.doc.data.refreshTokens.length < before
  }

  flush (): Promise<void> {
    return this.doc.flush()
  }
}
