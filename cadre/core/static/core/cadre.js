// Start GOV.UK Frontend's components (header menu, error summary focus, etc.).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
