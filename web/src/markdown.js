// Followups, tasks and solutions as their authors wrote them in Markdown, sanitised before they
// reach the page: whatever the text holds, only the tags of a written answer come through.
import DOMPurify from 'dompurify';
import { MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, markdownToHtml } from '../../core/markdown';

const ALLOWED = { ALLOWED_TAGS: MARKDOWN_TAGS, ALLOWED_ATTR: MARKDOWN_ATTRIBUTES, ALLOW_DATA_ATTR: false };

/** A block showing `text` rendered from Markdown. */
export function markdownBlock(text) {
  const block = document.createElement('div');
  block.className = 'written';
  block.innerHTML = DOMPurify.sanitize(markdownToHtml(text), ALLOWED);
  return block;
}
