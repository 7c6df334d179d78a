/**
 * Keyboard commands (manifest `commands`): open the popup (`_execute_action`, handled by the
 * browser itself), ask about the selection, open the chat page. The defaults (Alt+Shift+G / Q / O)
 * avoid the browser's and the OS's own keys — no Ctrl+B, which is bold in editors, bookmarks in
 * Firefox and cursor-back on macOS (ChatGPTBox#178/#260/#450) — and the user can rebind every one
 * at chrome://extensions/shortcuts (linked from options). Browser calls come in as deps.
 */
import type { Menus, Tabs } from '../shared/platform/browser'
import { ASK_SELECTION_MENU_ID } from './selection/menu-items'

export const COMMAND_ASK_SELECTION = 'ask-selection'
export const COMMAND_OPEN_CHAT = 'open-chat'

export interface CommandDeps {
  /** Opens the chat page in a new tab. */
  openChat(): Promise<void>
  /** The selected text in the tab (the command's gesture grants activeTab), '' if none. */
  readSelection(tab: Tabs.Tab): Promise<string>
  /** The context menu's own handler: the question is built from this event, as for a click. */
  askAboutSelection(info: Menus.OnClickData, tab: Tabs.Tab): Promise<void>
}

/** Runs a command; unknown names (a newer manifest, another browser) are ignored. */
export async function runCommand(command: string, tab: Tabs.Tab | undefined, deps: CommandDeps): Promise<void> {
  if (command === COMMAND_OPEN_CHAT) return deps.openChat()
  if (command !== COMMAND_ASK_SELECTION || !tab) return
  const selectionText = await deps.readSelection(tab)
  // Nothing selected: the chat page is the closest thing to what was asked for.
  if (!selectionText.trim()) return deps.openChat()
  await deps.askAboutSelection(
    { menuItemId: ASK_SELECTION_MENU_ID, selectionText, editable: false, modifiers: [], ...(tab.url ? { pageUrl: tab.url } : {}) },
    tab,
  )
}

/** `commands.onCommand`, or a test's stand-in for it. */
export interface CommandEvents {
  addListener(callback: (command: string, tab?: Tabs.Tab) => void): void
}

export function registerCommands(events: CommandEvents, deps: CommandDeps): void {
  events.addListener((command, tab) => {
    runCommand(command, tab, deps).catch((error: unknown) => console.warn(`command ${command} failed:`, error))
  })
}
