/**
 * Says that an answer was sent from a chatgpt.com tab and why (issue 11): the user should know
 * their tab is doing the work, and that closing it stops the relay.
 */
import type { TransportUse } from '../core/chatgpt/transport/transport'
import { useT } from './i18n'

export function RelayNote({ use }: { use: TransportUse }) {
  const t = useT()
  return (
    <p class="job-status job-relay" data-testid="relay-note" data-reason={use.reason}>
      {use.reason === 'cloudflare-check' ? t('relayNoteCloudflare') : t('relayNoteUnusual')}
    </p>
  )
}
