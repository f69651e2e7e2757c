/*
 * The start: notes.css with the code (我的笔记 links it in its head already), another tab's
 * changes shown, what page.js calls made reachable, then 我的笔记 set up or the marks drawn.
 */
const stylesheet = new URL(document.querySelector("script[data-notes-styles]").dataset.notesStyles, document.baseURI).href
if (![...document.querySelectorAll("link[rel=stylesheet]")].some(l => l.href === stylesheet))
  document.head.appendChild(Object.assign(document.createElement("link"), { rel: "stylesheet", href: stylesheet }))

// Another tab changed the notebook: show what it holds now.
addEventListener("storage", ev => {
  if (ev.key !== KEY)
    return
  marks = parse(ev.newValue)
  book ? showBook() : render()
})

Object.assign(logic, { openParagraph, offerSelection })
if (book)
  setUpBook()
else
  render()
