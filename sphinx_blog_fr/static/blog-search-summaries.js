/*
 * Readable summaries under the search results (loaded by _templates/search.html).
 *
 * Sphinx's searchtools.js builds each result's summary from the text content
 * of the page's [role="main"] element. On this blog that text starts with the
 * post's title and its « Publié le … » line, and the minified pages have no
 * whitespace between block elements, so that words of two blocks glue
 * (« innovationPublié le… »). Its summary also finds and highlights the query
 * only when typed with the page's accents, while the search (blog_search.py)
 * forgives missing ones.
 *
 * This replaces Search.makeSearchSummary (a method of Sphinx's searchtools.js,
 * not a documented API: checked against Sphinx 9) with one that takes the
 * page's text without its first heading and what is marked
 * data-search-skip (the post's metadata), separates blocks with a space,
 * starts near the first word that matches the query, accents or not, and
 * highlights those words as Sphinx does (class "highlighted").
 */
"use strict";

(() => {
  const BLOCKS =
    "address, article, aside, blockquote, dd, div, dl, dt, figcaption, figure, footer, " +
    "h1, h2, h3, h4, h5, h6, header, li, nav, ol, p, pre, section, table, td, th, tr, ul";
  const CONTEXT = 120;
  const LENGTH = 240;
  const WORD = /[\p{L}\p{N}]+/gu;

  // As blog_search.py folds words before they are stemmed.
  const fold = (word) =>
    word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(/œ/g, "oe").replace(/æ/g, "ae");

  const pageText = (html, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    const main = page.querySelector('[role="main"]');
    if (!main) return "";
    const root = (anchor && main.querySelector(anchor)) || main;
    root.querySelectorAll(".headerlink, script, style, [data-search-skip]").forEach((el) => el.remove());
    if (root === main) main.querySelector("h1")?.remove();
    root.querySelectorAll(BLOCKS).forEach((el) => el.append(" "));
    // Ordinary whitespace only: the no-break spaces of French typography stay.
    return root.textContent.replace(/[ \t\r\n]+/g, " ").trim();
  };

  const matches = (word, stems) => {
    const folded = fold(word);
    return stems.some((stem) => folded.startsWith(stem));
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = pageText(htmlText, anchor);
    if (text === "") return null;
    const stems = [...keywords].map(fold).filter((stem) => stem.length);
    const words = [...text.matchAll(WORD)];
    const first = words.find((word) => matches(word[0], stems));
    let start = first ? Math.max(first.index - CONTEXT, 0) : 0;
    // Start and end at a word, never inside one.
    if (start > 0) start = text.indexOf(" ", start) + 1;
    let end = Math.min(start + LENGTH, text.length);
    if (end < text.length && text.lastIndexOf(" ", end) > start) end = text.lastIndexOf(" ", end);

    const summary = document.createElement("p");
    summary.classList.add("context");
    if (start > 0) summary.append("… ");
    let shown = start;
    for (const word of words) {
      if (word.index < start || word.index + word[0].length > end || !matches(word[0], stems)) continue;
      summary.append(text.slice(shown, word.index));
      const highlighted = summary.appendChild(document.createElement("span"));
      highlighted.classList.add("highlighted");
      highlighted.textContent = word[0];
      shown = word.index + word[0].length;
    }
    summary.append(text.slice(shown, end));
    if (end < text.length) summary.append(" …");
    return summary;
  };
})();
