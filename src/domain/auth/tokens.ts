import { createHash, randomBytes } from 'node:crypto'
import type { Clock } from '../clock.js'

export interface RefreshTokenRecord {
  /** SHA-256 of the token: the store never holds a usable token. */
  hash: string
  userName: string
  expiresAt: number
}

/** Where refresh tokens live; the store implements it. */
export interface RefreshTokenStore {
  find: (hash: string) => RefreshTokenRecord | undefined
  replace: (added: RefreshTokenRecord, removedHash: string | undefined, now: number) => Promise<void>
  consume: (hash: string) => boolean
  /** Waits for every pending write. */
  flush: () => Promise<void>
}

export interface TokenPair {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  refresh_token: string
}

export interface TokenLifetimes {
  accessSeconds: number
  refreshSeconds: number
}

const newToken = (): string => randomBytes(32).toString('base64url')
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex')

/**
 * Bearer tokens. Access tokens live in memory only and die with the process;
 * refresh tokens are persisted as hashes, single-use (spec §3).
 */
export class TokenService {
  private readonly accessTokens = new Map<string, { userName: string, expiresAt: number }>()

  constructor (
    private readonly clock: Clock,
    private readonly lifetimes: TokenLifetimes,
    private readonly refreshTokens: RefreshTokenStore
  ) {}

  /** Issues a new pair; resolves once the refresh token is on disk. */
  async issue (userName: string, replacedRefreshHash?: string): Promise<TokenPair> {
    const now = this.clock.now()
    const access = newToken()
    const refresh = newToken()
    this.accessTokens.set(access, { userName, expiresAt: now + this.lifetimes.accessSeconds * 1000 })
    this.pruneAccessTokens(now)
    await this.refreshTokens.replace({ hash: hashOf(refresh), userName, expiresAt: now + this.lifetimes.refreshSeconds * 1000 }, replacedRefreshHash, now)
    // OWIN reports the seconds left after issuing, so a 60-minute token says 3599.
    return { access_token: access, token_type: 'bearer', expires_in: Math.max(this.lifetimes.accessSeconds - 1, 0), refresh_token: refresh }
  }

  /** The user name behind a live access token. */
  verifyAccess (token: string): string | undefined {
    const entry = this.accessTokens.get(token)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.clock.now()) {
      this.accessTokens.delete(token)
      return undefined
    }
    return entry.userName
  }

  /** Ends an access token at once, as if it had expired (fault injection); its refresh token still works. */
  revoke (token: string): boolean {
    return this.accessTokens.delete(token)
  }

  /**
   * Trades a live refresh token for a new pair. The old token is taken out of use
   * before anything is awaited, so two concurrent refreshes cannot both succeed.
   */
  async refresh (refreshToken: string, userExists: (userName: string) => boolean): Promise<TokenPair | undefined> {
    const hash = hashOf(refreshToken)
    const record = this.refreshTokens.find(hash)
    if (record === undefined || !this.refreshTokens.consume(hash)) return undefined
    if (record.expiresAt <= this.clock.now() || !userExists(record.userName)) return undefined
    return await this.issue(record.userName, hash)
  }

  /** Waits until every refresh token issued so far is on disk. */
  async flush (): Promise<void> {
    await this.refreshTokens.flush()
  }

  private pruneAccessTokens (now: number): void {
    if (this.accessTokens.size % 256 !== 0) return
    for (const [token, entry] of this.accessTokens) if (entry.expiresAt <= now) this.accessTokens.delete(token)
  }
}
