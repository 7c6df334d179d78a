/** The worker's read of the selection templates (the options page writes them). */
import browser from '../../shared/platform/browser'
import { localArea } from '../storage-areas'
import { readTemplateList, TEMPLATES_KEY, type MessageLookup, type SelectionTemplate } from './templates'

/** Default template names come from the browser's language. */
export const templateLookup: MessageLookup = (key) => browser.i18n.getMessage(key)

export async function loadTemplates(): Promise<SelectionTemplate[]> {
  return readTemplateList(await localArea.get(TEMPLATES_KEY), templateLookup)
}
