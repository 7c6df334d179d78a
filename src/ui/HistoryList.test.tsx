// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatWhen, HistoryList, type HistoryItem } from './HistoryList'
import { renderUi } from './test-i18n'

afterEach(cleanup)

const AT = Date.UTC(2026, 10, 26, 8, 30)
const ITEMS: HistoryItem[] = [
  { threadKey: 'a', title: 'Tides', surface: 'chat-page', model: 'gpt-5', privacy: 'delete-after', turns: 2, createdAt: AT, updatedAt: AT, snippet: '…the Moon pulls…' },
  { threadKey: 'b', title: '', surface: 'popup', privacy: 'keep', turns: 1, createdAt: AT, updatedAt: AT },
]

function setup(items = ITEMS, query = '') {
  const props = {
    onQueryChange: vi.fn(),
    onResume: vi.fn(),
    onExport: vi.fn(),
    onDelete: vi.fn(),
    onExportAll: vi.fn(),
    onDeleteAll: vi.fn(),
  }
  const view = renderUi(<HistoryList items={items} query={query} locale="en-GB" activeThreadKey="a" {...props} />)
  return { ...view, props }
}

describe('HistoryList', () => {
  it('shows each thread with where, model, privacy, when and the search excerpt', () => {
    const { getAllByTestId } = setup()
    const rows = getAllByTestId('history-item')
    expect(rows[0]!.textContent).toContain('Tides')
    expect(rows[0]!.textContent).toContain(`Chat page · gpt-5 · Deleted after use · ${formatWhen(AT, 'en-GB')}`)
    expect(rows[0]!.textContent).toContain('…the Moon pulls…')
    expect(rows[0]!.className).toContain('history-item-active')
    expect(rows[1]!.textContent).toContain('Untitled conversation')
    expect(rows[1]!.textContent).toContain('Toolbar popup · Kept in ChatGPT')
  })

  it('hands every action the thread key', () => {
    const { getAllByTestId, props } = setup()
    fireEvent.click(getAllByTestId('history-resume')[1]!)
    fireEvent.click(getAllByTestId('history-export')[0]!)
    fireEvent.click(getAllByTestId('history-delete')[1]!)
    expect(props.onResume).toHaveBeenCalledWith('b')
    expect(props.onExport).toHaveBeenCalledWith('a')
    expect(props.onDelete).toHaveBeenCalledWith('b')
  })

  it('searches as the user types', () => {
    const { getByTestId, props } = setup()
    fireEvent.input(getByTestId('history-search'), { target: { value: 'moon' } })
    expect(props.onQueryChange).toHaveBeenCalledWith('moon')
  })

  it('deletes everything only on a second click', () => {
    const { getByTestId, props } = setup()
    const button = getByTestId('history-delete-all')
    fireEvent.click(button)
    expect(props.onDeleteAll).not.toHaveBeenCalled()
    expect(button.textContent).toBe('Click again to delete everything')
    fireEvent.click(button)
    expect(props.onDeleteAll).toHaveBeenCalledOnce()
  })

  it('says when there is nothing, and when nothing matches', () => {
    expect(setup([]).getByTestId('history-empty').textContent).toBe('No conversations yet.')
    cleanup()
    expect(setup([], ' tides ').getByTestId('history-empty').textContent).toBe('No conversation contains “tides”.')
  })
})
