/** The options page's read and write of the selection templates in `storage.local`. */
import browser from '../../shared/platform/browser'
import { defaultTemplates, readTemplateList, TEMPLATES_KEY, type SelectionTemplate } from '../../background/selection/templates'

export interface TemplateStore {
  load(): Promise<SelectionTemplate[]>
  /** Saves the whole list; the worker rebuilds the menu from it. */
  save(templates: readonly SelectionTemplate[]): Promise<void>
  defaults(): SelectionTemplate[]
}

const lookup = (key: string) => browser.i18n.getMessage(key)

export const templateStore: TemplateStore = {
  async load() {
    return readTemplateList((await browser.storage.local.get(TEMPLATES_KEY))[TEMPLATES_KEY], lookup)
  },
  async save(templates) {
    await browser.storage.local.set({ [TEMPLATES_KEY]: templates })
  },
  defaults: () => defaultTemplates(lookup),
}
