// Marks the words of a search on the page a search result led to (`?h=words`), as
// Material's own highlighter does, also where the page spells them with accents
// ("Ciragan" marks "Çırağan"). Loaded by main.html only on such pages.
const words = (new URLSearchParams(location.search).get("h") || "")
  .split(/\s+/).map(fold).filter(word => word.length > 1)

// One character for one: the folded text keeps the offsets of the original.
function fold(text) {
  return Array.from(text, c => c === "ı" ? "i" : c.normalize("NFD")[0].toLowerCase()[0])
    .join("")
}

function mark(node) {
  const text = node.textContent, folded = fold(text), parts = []
  let last = 0
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])(${words.map(w =>
    w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "gu")
  for (const match of folded.matchAll(pattern)) {
    const start = match.index + match[1].length, end = start + match[2].length
    parts.push(text.slice(last, start))
    const element = document.createElement("mark")
    element.setAttribute("data-md-highlight", "")
    element.textContent = text.slice(start, end)
    parts.push(element)
    last = end
  }
  if (parts.length) node.replaceWith(...parts, text.slice(last))
}

const content = document.querySelector("[data-md-component=content]")
if (content && words.length) {
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT)
  const nodes = []
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (node.parentElement?.offsetHeight) nodes.push(node)
  nodes.forEach(mark)
}
