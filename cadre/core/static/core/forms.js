// Progressive enhancement for GOV.UK forms (docs/adr/0022). Without JavaScript every control
// still works: long selects stay selects, long checkbox lists stay checkbox lists.

// Long single-choice selects become alphagov's accessible-autocomplete.
const autocomplete = window.accessibleAutocomplete
if (autocomplete) {
  document.querySelectorAll('select[data-module="cadre-autocomplete"]').forEach((select) => {
    autocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: '',
      showAllValues: true,
      dropdownArrow: () => '',
      preserveNullOptions: true
    })
  })
}

// Long checkbox lists get a filter box and a count of ticked boxes.
let counter = 0
document.querySelectorAll('[data-module="cadre-filter-checkboxes"]').forEach((wrapper) => {
  const fieldset = wrapper.querySelector('.govuk-fieldset')
  const list = wrapper.querySelector('.govuk-checkboxes')
  if (!fieldset || !list) return
  counter += 1
  const legend = fieldset.querySelector('legend')
  const name = legend ? legend.textContent.trim() : 'options'
  const group = document.createElement('div')
  group.className = 'govuk-form-group cadre-filter-checkboxes__filter'
  const label = document.createElement('label')
  label.className = 'govuk-label'
  label.htmlFor = `cadre-filter-${counter}`
  label.textContent = `Filter ${name.charAt(0).toLowerCase()}${name.slice(1)}`
  const input = document.createElement('input')
  input.className = 'govuk-input govuk-!-width-two-thirds'
  input.id = label.htmlFor
  input.type = 'search'
  input.autocomplete = 'off'
  input.spellcheck = false
  const status = document.createElement('p')
  status.className = 'govuk-body-s cadre-filter-checkboxes__status'
  status.setAttribute('aria-live', 'polite')
  status.id = `cadre-filter-${counter}-status`
  input.setAttribute('aria-describedby', status.id)
  group.append(label, input, status)
  list.before(group)
  list.classList.add('cadre-filter-checkboxes__list')
  list.tabIndex = -1

  const items = Array.from(list.querySelectorAll('.govuk-checkboxes__item'))
  const update = () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean)
    let shown = 0
    items.forEach((item) => {
      const text = item.textContent.toLowerCase()
      const match = words.every((w) => text.includes(w))
      const ticked = item.querySelector('input').checked
      item.hidden = !(match || ticked)
      if (!item.hidden) shown += 1
    })
    const chosen = items.filter((item) => item.querySelector('input').checked).length
    status.textContent = `${chosen} chosen, ${shown} of ${items.length} shown`
  }
  input.addEventListener('input', update)
  list.addEventListener('change', update)
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault() // do not submit the form from the filter
  })
  update()
})
