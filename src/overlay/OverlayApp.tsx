/**
 * The in-page answer overlay (the extension iframe the content script mounts): the tab's thread
 * with the popup's header, renderer and composer. It connects to the worker itself; the page
 * around it never sees the answer. Esc closes it (through the content script, which owns the
 * frame); the composer is not focused on open, so the page keeps its focus and selection.
 */
import { useEffect, useState } from 'preact/hooks'
import type { PortLike } from '../popup/port-connection'
import { useChatPort } from '../popup/use-chat-port'
import { useChatSurface } from '../popup/use-chat-surface'
import { ChatSurfaceView } from '../popup/ChatSurfaceView'
import { useT } from '../ui/i18n'
import type { ClickGate } from './visibility-gate'

export interface OverlayAppProps {
  threadKey: string
  /** The settings' default model slug ('' = the account default). */
  preferredModel?: string
  /** Opens a URL in a new tab; the overlay never navigates itself or the page. */
  openUrl: (url: string) => void
  /** Shows this thread on the full-page chat. */
  openInTab: () => void
  /** Asks the content script to remove the overlay. */
  requestClose: () => void
  connect?: () => PortLike
  /** The clickjacking gate main.tsx started (none where the browser cannot tell visibility). */
  clickGate?: ClickGate
}

/** The gate's state for rendering: clicks counting (undefined without a gate) and refusing. */
function useClickGate(gate: ClickGate | undefined): { open: boolean | undefined; refusing: boolean } {
  const read = () => ({ open: gate?.open, refusing: gate?.refusing ?? false })
  const [state, setState] = useState(read)
  useEffect(() => {
    if (!gate) return undefined
    setState(read())
    return gate.subscribe(() => setState(read()))
  }, [gate])
  return state
}

export function OverlayApp({ threadKey, preferredModel, openUrl, openInTab, requestClose, connect, clickGate }: OverlayAppProps) {
  const t = useT()
  const clicks = useClickGate(clickGate)
  const chat = useChatPort({ threadKey, surface: 'selection', ...(connect ? { connect } : {}) })
  const surface = useChatSurface(chat, { preferredModel })

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.isComposing) requestClose()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [requestClose])

  return (
    // data-clicks shows whether the gate lets clicks through (tests and styles read it).
    <div class="overlay" data-clicks={clicks.open === undefined ? undefined : clicks.open ? 'on' : 'off'}>
      <ChatSurfaceView chat={chat} surface={surface} openUrl={openUrl} noteClass="overlay-note" autoFocus={false}>
        {clicks.refusing && (
          <p class="overlay-note overlay-covered" role="status" data-testid="overlay-covered">
            {t('overlayCovered')}
          </p>
        )}
      </ChatSurfaceView>
      <footer class="overlay-footer">
        <button type="button" class="ui-button ui-button-quiet" data-testid="open-in-tab" onClick={openInTab}>
          {t('overlayOpenInTab')}
        </button>
      </footer>
    </div>
  )
}
