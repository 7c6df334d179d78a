// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Header } from './Header'
import { ModelPicker } from './ModelPicker'
import { renderUi } from './test-i18n'
import { FIXTURE_MODELS } from './ui-fixtures'

afterEach(cleanup)

function setup(conversationId: string | undefined) {
  const callbacks = { onModelChange: vi.fn(), onNewChat: vi.fn(), onOpenUrl: vi.fn() }
  const screen = renderUi(<Header conversationId={conversationId} models={FIXTURE_MODELS} model="gpt-4o" {...callbacks} />)
  return { screen, ...callbacks }
}

describe('Header', () => {
  it('starts a new chat', () => {
    const { screen, onNewChat } = setup(undefined)
    fireEvent.click(screen.getByTestId('new-chat'))
    expect(onNewChat).toHaveBeenCalledTimes(1)
  })

  it('links to the conversation on chatgpt.com once it exists, opening through the surface', () => {
    expect(setup(undefined).screen.queryByTestId('open-in-chatgpt')).toBeNull()
    cleanup()
    const { screen, onOpenUrl } = setup('abc-123')
    const link = screen.getByTestId('open-in-chatgpt')
    expect(link.getAttribute('href')).toBe('https://chatgpt.com/c/abc-123')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    fireEvent.click(link)
    expect(onOpenUrl).toHaveBeenCalledWith('https://chatgpt.com/c/abc-123')
  })

  it('offers Open in tab only where the surface handles it', () => {
    expect(setup(undefined).screen.queryByTestId('open-in-tab')).toBeNull()
    cleanup()
    const onOpenInTab = vi.fn()
    const screen = renderUi(
      <Header conversationId={undefined} models={FIXTURE_MODELS} model="gpt-4o" onModelChange={vi.fn()} onNewChat={vi.fn()} onOpenUrl={vi.fn()} onOpenInTab={onOpenInTab} />,
    )
    const button = screen.getByTestId('open-in-tab')
    expect(button.getAttribute('aria-label')).toBe('Open in tab')
    fireEvent.click(button)
    expect(onOpenInTab).toHaveBeenCalledTimes(1)
  })

  it('escapes a hostile conversation id in the URL', () => {
    const { screen } = setup('../../evil?x=1')
    expect(screen.getByTestId('open-in-chatgpt').getAttribute('href')).toBe('https://chatgpt.com/c/..%2F..%2Fevil%3Fx%3D1')
  })
})

describe('ModelPicker', () => {
  it('lists the models, selects the current one and reports changes', () => {
    const onChange = vi.fn()
    const screen = renderUi(<ModelPicker models={FIXTURE_MODELS} value="gpt-4o" onChange={onChange} />)
    const select = screen.getByTestId('model-picker') as HTMLSelectElement
    expect([...select.options].map((o) => o.value)).toEqual(['auto', 'gpt-4o', 'o4-mini'])
    expect(select.value).toBe('gpt-4o')
    expect(select.getAttribute('aria-label')).toBe('Model')
    fireEvent.change(select, { target: { value: 'o4-mini' } })
    expect(onChange).toHaveBeenCalledWith('o4-mini')
  })

  it('keeps an unknown selected slug visible', () => {
    const screen = renderUi(<ModelPicker models={FIXTURE_MODELS} value="gpt-legacy" onChange={vi.fn()} />)
    expect((screen.getByTestId('model-picker') as HTMLSelectElement).value).toBe('gpt-legacy')
  })

  it('renders nothing without models', () => {
    const screen = renderUi(<ModelPicker models={[]} value={undefined} onChange={vi.fn()} />)
    expect(screen.queryByTestId('model-picker')).toBeNull()
  })
})
