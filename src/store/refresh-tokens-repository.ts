import { join } from 'node:path'
import type { RefreshTokenRecord, RefreshTokenStore } from '../domain/auth/tokens.js'
import { JsonDocument } from './json-document.js'

interface TokensData { refreshTokens: RefreshTokenRecord[] }

const isTokensData = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && Array.isArray((data as TokensData).refreshTokens)

/** Refresh tokens outlive a restart (spec §3), so they are persisted; access tokens are not. */
export class RefreshTokensRepository implements RefreshTokenStore {
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
