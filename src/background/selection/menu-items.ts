/**
 * The selection menu as data: a root item ("Ask ChatGPT about “%s”") with one child per visible
 * template. With no visible template the root is itself clickable and asks the fallback template.
 */
import type { SelectionTemplate } from './templates'

export const ASK_SELECTION_MENU_ID = 'ask-selection'
const TEMPLATE_PREFIX = `${ASK_SELECTION_MENU_ID}:`

export interface MenuItem {
  id: string
  title: string
  contexts: ['selection']
  parentId?: string
}

/** The items to create, parents first. */
export function selectionMenuItems(templates: readonly SelectionTemplate[], rootTitle: string): MenuItem[] {
  const root: MenuItem = { id: ASK_SELECTION_MENU_ID, title: rootTitle, contexts: ['selection'] }
  const children = templates
    .filter((t) => !t.hidden)
    .map((t): MenuItem => ({ id: `${TEMPLATE_PREFIX}${t.id}`, parentId: ASK_SELECTION_MENU_ID, title: t.name, contexts: ['selection'] }))
  return [root, ...children]
}

/** What a clicked menu item asks for; undefined for items that are not ours. */
export type MenuChoice = { kind: 'root' } | { kind: 'template'; templateId: string }

export function parseMenuItemId(id: string | number): MenuChoice | undefined {
  if (id === ASK_SELECTION_MENU_ID) return { kind: 'root' }
  if (typeof id === 'string' && id.startsWith(TEMPLATE_PREFIX) && id.length > TEMPLATE_PREFIX.length) {
    return { kind: 'template', templateId: id.slice(TEMPLATE_PREFIX.length) }
  }
  return undefined
}

/** The template a click asks: the chosen one, else the first visible, else the fallback. */
export function templateForChoice(choice: MenuChoice, templates: readonly SelectionTemplate[], fallback: SelectionTemplate): SelectionTemplate {
  if (choice.kind === 'template') {
    const chosen = templates.find((t) => t.id === choice.templateId)
    if (chosen) return chosen
  }
  return templates.find((t) => !t.hidden) ?? fallback
}
