// @vitest-environment happy-dom
import { cleanup, fireEvent } from '@testing-library/preact'
import { useState } from 'preact/hooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Composer } from './Composer'
import { renderUi } from './test-i18n'

afterEach(cleanup)

/** A parent that owns the text the way PopupApp does; `accept` decides whether a send clears it. */
function Harness({ onSend, accept = false, onStop }: { onSend: (text: string) => void; accept?: boolean; onStop?: () => void }) {
  const [value, setValue] = useState('')
  return (
    <Composer
      value={value}
      onInput={setValue}
      onSend={(text) => {
        onSend(text)
        if (accept) setValue('')
      }}
      {...(onStop ? { onStop } : {})}
    />
  )
}

function setup(props: Partial<Parameters<typeof Harness>[0]> = {}) {
  const onSend = vi.fn()
  const screen = renderUi(<Harness onSend={onSend} {...props} />)
  const box = screen.getByTestId('composer') as HTMLTextAreaElement
  const type = (text: string) => fireEvent.input(box, { target: { value: text } })
  return { screen, box, onSend, type }
}

describe('Composer', () => {
  it('is focused on open', () => {
    const { box } = setup()
    expect(document.activeElement).toBe(box)
  })

  it('sends on Enter', () => {
    const { box, onSend, type } = setup()
    type('hello')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledWith('hello')
  })

  it('does not send on Shift+Enter (newline)', () => {
    const { box, onSend, type } = setup()
    type('line one')
    const event = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, cancelable: true })
    box.dispatchEvent(event)
    expect(onSend).not.toHaveBeenCalled()
    expect(event.defaultPrevented).toBe(false)
  })

  it('ignores Enter while an IME composition is active', () => {
    const { box, onSend, type } = setup()
    type('nihao')
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true })
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 })
    expect(onSend).not.toHaveBeenCalled()
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledTimes(1)
  })

  it('disables Send and ignores Enter while the text is blank', () => {
    const { screen, box, onSend, type } = setup()
    expect((screen.getByTestId('send') as HTMLButtonElement).disabled).toBe(true)
    type('   \n ')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).not.toHaveBeenCalled()
    type('x')
    expect((screen.getByTestId('send') as HTMLButtonElement).disabled).toBe(false)
  })

  it('sends with the button', () => {
    const { screen, onSend, type } = setup()
    type('via button')
    fireEvent.click(screen.getByTestId('send'))
    expect(onSend).toHaveBeenCalledWith('via button')
  })

  it('keeps the text unless the parent clears it (failed send)', () => {
    const { box, type } = setup({ accept: false })
    type('keep me')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(box.value).toBe('keep me')
  })

  it('shows Stop instead of Send while streaming; Escape stops too', () => {
    const onStop = vi.fn()
    const { screen, box, onSend, type } = setup({ onStop })
    expect(screen.queryByTestId('send')).toBeNull()
    fireEvent.click(screen.getByTestId('stop'))
    type('next question')
    fireEvent.keyDown(box, { key: 'Enter' })
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(onStop).toHaveBeenCalledTimes(2)
    expect(onSend).not.toHaveBeenCalled()
  })

  it('names its controls for assistive technology', () => {
    const { screen } = setup()
    expect(screen.getByRole('textbox', { name: 'Message ChatGPT' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy()
  })
})
