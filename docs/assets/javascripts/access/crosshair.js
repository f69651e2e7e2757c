/* 十字线: two lines across the screen that follow the pointer, for a reader who loses it. */

const crosshair = {
  lines: null,
  update() {
    const on = settings.shizixian === true
    if (on && !this.lines) {
      this.lines = ["x", "y"].map(axis => {
        const line = document.createElement("div")
        line.className = "access-crosshair access-crosshair--" + axis
        line.setAttribute("aria-hidden", "true")
        document.body.appendChild(line)
        return line
      })
    }
    if (this.lines)
      this.lines.forEach(line => { line.hidden = !on })
  }
}

document.addEventListener("pointermove", ev => {
  if (!crosshair.lines || settings.shizixian !== true)
    return
  crosshair.lines[0].style.transform = `translateY(${ev.clientY}px)`    // CSSOM: allowed by the CSP
  crosshair.lines[1].style.transform = `translateX(${ev.clientX}px)`
})
