const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/**
 * Plain text with its http(s) addresses turned into links, built as DOM nodes: the text
 * is never parsed as HTML, so a message cannot inject markup into the page.
 */
export function linkify(text: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    nodes.push(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    link.href = match[0];
    link.textContent = match[0];
    nodes.push(link);
    last = match.index + match[0].length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
