import sanitizeHtml from 'sanitize-html';
import { MARKDOWN_ATTRIBUTES, MARKDOWN_TAGS, markdownToHtml } from '../core/markdown';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: MARKDOWN_TAGS,
  allowedAttributes: { '*': MARKDOWN_ATTRIBUTES },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
};

/** `text` written in Markdown as the HTML of a mail: only the tags of a written answer come through. */
export const markdownForMail = (text: string): string => sanitizeHtml(markdownToHtml(text), ALLOWED);
