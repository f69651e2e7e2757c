/*
 * 我的笔记 (biji.html): every mark as a card in the speech's order, those not found under 未能定位;
 * a thought edited or a mark deleted there; 复制全部, 下载纯文本, 打印, 全部清除.
 */
function showBook() {
  const list = book.querySelector(".notes-book__list")
  const texts = new Map(data.paragraphs.map(p => [p.id, p.text]))
  const places = reanchor(texts)
  const byId = new Map(data.paragraphs.map(p => [p.id, p]))
  const sorted = ordered(marks, data.paragraphs.map(p => p.id))
  const found = sorted.filter(m => places.get(m.id))
  const lost = sorted.filter(m => !places.get(m.id))
  list.replaceChildren()
  book.querySelector(".notes-book__count").textContent = marks.length
    ? `共 ${marks.length} 条笔记${lost.length ? `，其中 ${lost.length} 条未能定位` : ""}。` : "还没有笔记。在讲话各部分的页面上选中文字，或点段末的“¶”，就可以划线、写想法。"
  for (const button of book.querySelectorAll(".notes-book__actions button"))
    button.disabled = !marks.length
  const card = (m, p) => {
    const item = el("li", "notes-card")
    item.id = `biji-${m.id}`
    if (p) {
      const link = el("a", "notes-card__label", p.label)
      link.href = addressOf(p.id)
      item.append(link)
    }
    const quote = el("blockquote", "notes-card__quote read-aloud")
    quote.append(el("span", "sentence", `“${m.quote}”`))
    item.append(quote)
    const thought = el("p", "notes-card__thought read-aloud")
    if (m.thought)
      thought.append(el("span", "notes-card__key", "想法："), el("span", "sentence", m.thought))
    item.append(thought)
    if (p)
      item.append(el("p", "notes-card__cite", referenceTo(p.id)))
    const tools = el("div", "notes-card__tools")
    const what = p ? p.label : "未能定位的笔记"
    tools.append(
      button(m.thought ? "改想法" : "写想法", () => {
        tools.hidden = true
        const form = thoughtEditor(m, (saved, kept) => {
          if (saved && !kept)
            return
          showBook()
          const again = document.getElementById(`biji-${m.id}`)
          if (again)
            again.querySelector(".notes-card__tools .notes-button").focus()
          if (saved)
            say("想法已保存")
        })
        item.append(form)
        form.querySelector("textarea").focus()
      }, `${m.thought ? "改想法" : "写想法"}：${what}`),
      button("删除", () => {
        const next = item.nextElementSibling || item.previousElementSibling
        const nextId = next && next.id
        marks = marks.filter(x => x.id !== m.id)
        save()
        showBook()
        say("已删除这条笔记")
        const focus = nextId && document.getElementById(nextId)
        ;(focus ? focus.querySelector(".notes-button") : book.querySelector(".notes-book__count")).focus()
      }, `删除笔记：${what}`))
    item.append(tools)
    return item
  }
  for (const m of found)
    list.append(card(m, byId.get(m.para)))
  const lostBox = book.querySelector(".notes-book__lost")
  lostBox.hidden = !lost.length
  const lostList = lostBox.querySelector("ol")
  lostList.replaceChildren(...lost.map(m => card(m, null)))
}

function setUpBook() {
  const actions = book.querySelector(".notes-book__actions")
  actions.append(
    button("复制全部", copyAll, "复制全部笔记（纯文本）"),
    button("下载纯文本", download, "下载全部笔记（.txt）"),
    button("打印", () => print(), "打印全部笔记"),
    button("全部清除", () => {
      if (!confirm(`清除全部 ${marks.length} 条笔记？清除后不能恢复。`))
        return
      marks = []
      save()
      showBook()
      say("已清除全部笔记")
    }, "清除全部笔记"))
  if (inWeChat)
    actions.querySelector(".notes-button:nth-child(2)").hidden = true
  book.querySelector(".notes-book__count").tabIndex = -1
  if (!storageWorks)
    warnUnsaved()
  showBook()
}
