import { forbidden } from '../errors.js'
import type { User } from '../schemas/catalog.js'

/** The authenticated caller (verifyCaller has run, so it is there). */
export function caller (user: User | null): User {
  if (user === null) throw forbidden()
  return user
}
