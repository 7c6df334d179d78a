import { render } from 'preact'
import { OptionsApp } from './OptionsApp'
import './options.css'

const root = document.getElementById('app')
if (root) render(<OptionsApp />, root)
