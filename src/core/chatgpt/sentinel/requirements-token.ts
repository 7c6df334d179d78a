/**
 * The 2026 requirements token `p` sent to `chat-requirements/prepare`: no search, just
 * `gAAAAAC` + base64(JSON(config)) with `config[3] = 1` and `config[9]` = the milliseconds spent
 * building it (protocol.md §5.3).
 */
import { base64Utf8 } from './base64'
import { ELAPSED_SLOT, NONCE_SLOT, type ConfigArray } from './config-array'

export function plainRequirementsToken(config: ConfigArray, buildMs: number): string {
  const filled = [...config]
  filled[NONCE_SLOT] = 1
  filled[ELAPSED_SLOT] = Math.round(buildMs)
  return `gAAAAAC${base64Utf8(JSON.stringify(filled))}`
}
