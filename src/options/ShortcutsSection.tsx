/** The keyboard commands as the browser has them bound now, and the way to rebind them. */
import { useEffect, useState } from 'preact/hooks'
import { useT } from '../ui/i18n'

export interface CommandInfo {
  name: string
  description: string
  /** '' when the user (or a clash) left it unbound. */
  shortcut: string
}

/** Chrome's own page for extension shortcuts. */
export const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts'

interface Props {
  commands: () => Promise<CommandInfo[]>
  onOpenUrl: (url: string) => void
}

export function ShortcutsSection({ commands, onOpenUrl }: Props) {
  const t = useT()
  const [list, setList] = useState<CommandInfo[]>([])
  useEffect(() => {
    // Re-read on return: the user may have just rebound a key on the browser's page.
    const load = () => void commands().then(setList, () => setList([]))
    load()
    window.addEventListener('focus', load)
    return () => window.removeEventListener('focus', load)
  }, [commands])
  return (
    <section class="options-section" id="shortcuts">
      <h2>{t('optionsShortcuts')}</h2>
      <ul class="options-shortcuts">
        {list.map((command) => (
          <li key={command.name} class="options-row" data-testid="shortcut" data-command={command.name}>
            <span>{command.name === '_execute_action' ? t('commandOpenPopup') : command.description}</span>
            <kbd>{command.shortcut || t('shortcutNotSet')}</kbd>
          </li>
        ))}
      </ul>
      <p class="options-help">{t('shortcutsHelp')}</p>
      <button type="button" class="ui-button" data-testid="open-shortcuts" onClick={() => onOpenUrl(SHORTCUTS_PAGE)}>
        {t('shortcutsChange')}
      </button>
    </section>
  )
}
