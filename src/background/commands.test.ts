import { describe, expect, it } from 'vitest'
import manifest from '../../manifest.json'
import type { Menus, Tabs } from '../shared/platform/browser'
import { runCommand, type CommandDeps } from './commands'

const tab = { id: 7, index: 0, url: 'https://example.com/a', highlighted: true, active: true, pinned: false, incognito: false } as Tabs.Tab

function deps(selection: string) {
  const calls: string[] = []
  const asked: Menus.OnClickData[] = []
  const d: CommandDeps = {
    openChat: async () => void calls.push('openChat'),
    readSelection: async () => selection,
    askAboutSelection: async (info) => void asked.push(info),
  }
  return { d, calls, asked }
}

describe('commands', () => {
  it('asks about the selection through the menu handler, with the menu id and page', async () => {
    const { d, asked } = deps('selected words')
    await runCommand('ask-selection', tab, d)
    expect(asked).toEqual([{ menuItemId: 'ask-selection', selectionText: 'selected words', editable: false, modifiers: [], pageUrl: 'https://example.com/a' }])
  })

  it('opens the chat page when nothing is selected, and on its own command', async () => {
    const { d, calls, asked } = deps('  ')
    await runCommand('ask-selection', tab, d)
    await runCommand('open-chat', undefined, d)
    await runCommand('something-else', tab, d)
    expect(calls).toEqual(['openChat', 'openChat'])
    expect(asked).toEqual([])
  })

  it('declares the three commands with defaults that avoid browser and OS shortcuts', () => {
    const commands = manifest.commands as Record<string, { suggested_key: { default: string }; description: string }>
    expect(Object.keys(commands).sort()).toEqual(['_execute_action', 'ask-selection', 'open-chat'])
    // Chrome/Windows/Linux/ChromeOS keys and editor staples a default must never take (Chromium
    // 156 also silently refuses Alt+Shift+C and Alt+Shift+P as extension defaults).
    const taken = new Set([
      'Ctrl+B', 'Ctrl+Shift+B', 'Alt+Shift+A', 'Alt+Shift+B', 'Alt+Shift+I', 'Alt+Shift+T', 'Alt+Shift+S', 'Alt+Shift+L',
      'Alt+Shift+M', 'Alt+Shift+N', 'Alt+Shift+C', 'Alt+Shift+P', 'Ctrl+Shift+A', 'Ctrl+Shift+T', 'Ctrl+Shift+N', 'Ctrl+Shift+O', 'Ctrl+Shift+J', 'Ctrl+Shift+I',
      'Ctrl+Shift+C', 'Ctrl+Shift+Q', 'Ctrl+Shift+W', 'Ctrl+Shift+R', 'Ctrl+Shift+V', 'Ctrl+Shift+D', 'Ctrl+Shift+G', 'Ctrl+Shift+M',
    ])
    const keys = Object.values(commands).map((c) => c.suggested_key.default)
    expect(keys.filter((key) => taken.has(key))).toEqual([])
    expect(new Set(keys).size).toBe(keys.length)
    // Alt+Shift+letter: never a plain Alt+letter (Windows menu keys) or a single modifier.
    for (const key of keys) expect(key).toMatch(/^Alt\+Shift\+[A-Z]$/)
    for (const command of Object.values(commands)) expect(command.description).toMatch(/^__MSG_\w+__$/)
  })
})
