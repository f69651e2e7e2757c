/* A thought's editor: a text box, what it holds said plainly (up to 2,000 characters, refused
   beyond, never cut), 保存 / 取消. In the bar on a speech page, in its card on 我的笔记. */
function thoughtEditor(m, done) {
  const form = el("form", "notes-editor")
  const id = `note-${m.id}`
  const label = el("label", "notes-editor__label", "想法")
  label.htmlFor = id
  const box = el("textarea", "notes-editor__box")
  box.id = id
  box.rows = 4
  box.value = m.thought
  const count = el("p", "notes-editor__count")
  count.id = `${id}-count`
  box.setAttribute("aria-describedby", count.id)
  const problem = el("p", "notes-editor__problem")
  problem.setAttribute("role", "alert")
  const counted = () => {
    const n = length(box.value)
    count.textContent = n > MAX_THOUGHT
      ? `已写 ${n} 字，超出 ${n - MAX_THOUGHT} 字（最多 ${MAX_THOUGHT} 字）`
      : `已写 ${n} 字，最多 ${MAX_THOUGHT} 字`
    count.classList.toggle("is-over", n > MAX_THOUGHT)
  }
  box.addEventListener("input", counted)
  counted()
  const saveButton = el("button", "notes-button", "保存想法")
  saveButton.type = "submit"
  form.append(label, box, count, problem, saveButton, button("取消", () => done(false)))
  form.addEventListener("submit", ev => {
    ev.preventDefault()
    const n = length(box.value)
    if (n > MAX_THOUGHT) {
      problem.textContent = `想法最多 ${MAX_THOUGHT} 字，现在是 ${n} 字：请删去 ${n - MAX_THOUGHT} 字后再保存。`
      box.focus()
      return
    }
    problem.textContent = ""
    m.thought = box.value.trim()
    const kept = save()
    render()
    done(true, kept)
  })
  return form
}

function editThought(id, para) {
  const m = marks.find(x => x.id === id)
  const block = document.getElementById(para)
  if (!m || !block)
    return
  const b = openBar(block, `想法：${block.dataset.label}`)
  b.append(el("p", "notes-bar__quote", `“${m.quote}”`))
  const form = thoughtEditor(m, (saved, kept) => {
    if (saved && !kept)
      return                                   // the warning stays, with its export
    closeBar(false)
    if (saved)
      say(m.thought ? "想法已保存" : "已划线，未写想法")
    const sign = document.querySelector(`.note-sign[data-note="${m.id}"]`)
    const back = sign || block.querySelector("a.para-link")
    if (back)
      back.focus()
  })
  b.append(form)
  form.querySelector("textarea").focus()
}
