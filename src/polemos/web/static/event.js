/* Event page: bring each article's first highlighted sentence into view inside its scroll box. */
"use strict";
for (const article of document.querySelectorAll(".article")) {
  const mark = article.querySelector("mark.evidence");
  if (!mark) continue;
  const offset = mark.getBoundingClientRect().top - article.getBoundingClientRect().top;
  article.scrollTop = Math.max(0, offset - 60);
}
