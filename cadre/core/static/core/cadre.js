// Start GOV.UK Frontend's components (service navigation menu, error summary focus, etc.).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

// A table's scroll region ({% scroll_table %}) is a tab stop only while it has
// something to scroll; a table that fits needs no extra stop for keyboard users.
function updateScrollRegions () {
  for (const region of document.querySelectorAll('.cadre-table-scroll')) {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute('tabindex', '0')
    } else {
      region.removeAttribute('tabindex')
    }
  }
}

updateScrollRegions()
window.addEventListener('resize', updateScrollRegions)
