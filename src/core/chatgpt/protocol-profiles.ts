/**
 * The shapes of chatgpt.com's send path across eras, as data (protocol.md §1, §5, §6). The client
 * walks these newest first and remembers the first that works, so a backend change is a new row
 * here rather than a fork in the code.
 */
export type ProfileId = '2026' | '2025' | '2024' | '2023'

export type SentinelGeneration = 'prepare-finalize' | 'single-step' | 'none'

export interface ProtocolProfile {
  id: ProfileId
  /** The conversation POST. */
  sendPath: string
  /** `/f/conversation/prepare` → conduit token sent back as `X-Conduit-Token`. */
  conduitPreparePath?: string
  sentinel: SentinelGeneration
  /** `supported_encodings` in the body; empty means legacy cumulative snapshots. */
  encodings: readonly string[]
  /** 2023 bodies carry `arkose_token: null` and the older field set. */
  bodyStyle: 'legacy' | 'modern'
  /** How a temporary chat is requested. */
  temporaryField: 'history_and_training_disabled'
}

export const PROTOCOL_PROFILES: readonly ProtocolProfile[] = [
  {
    id: '2026',
    sendPath: '/backend-api/f/conversation',
    conduitPreparePath: '/backend-api/f/conversation/prepare',
    sentinel: 'prepare-finalize',
    encodings: ['v1'],
    bodyStyle: 'modern',
    temporaryField: 'history_and_training_disabled',
  },
  {
    id: '2025',
    sendPath: '/backend-api/f/conversation',
    conduitPreparePath: '/backend-api/f/conversation/prepare',
    sentinel: 'single-step',
    encodings: ['v1'],
    bodyStyle: 'modern',
    temporaryField: 'history_and_training_disabled',
  },
  {
    id: '2024',
    sendPath: '/backend-api/conversation',
    sentinel: 'single-step',
    encodings: ['v1'],
    bodyStyle: 'modern',
    temporaryField: 'history_and_training_disabled',
  },
  {
    id: '2023',
    sendPath: '/backend-api/conversation',
    sentinel: 'none',
    encodings: [],
    bodyStyle: 'legacy',
    temporaryField: 'history_and_training_disabled',
  },
]

export function profileById(id: ProfileId): ProtocolProfile {
  const profile = PROTOCOL_PROFILES.find((p) => p.id === id)
  if (!profile) throw new Error(`unknown protocol profile ${id}`)
  return profile
}

/** Profiles to try, starting with the remembered one (if any), then newest first. */
export function profilesToTry(remembered: ProfileId | undefined): ProtocolProfile[] {
  const rest = PROTOCOL_PROFILES.filter((p) => p.id !== remembered)
  return remembered ? [profileById(remembered), ...rest] : [...rest]
}
