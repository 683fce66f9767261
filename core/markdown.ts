import MarkdownIt from 'markdown-it';

/**
 * How the desk reads what people write (followups, tasks, solutions): CommonMark with tables and
 * strikethrough, bare addresses turned into links, and a single line break kept as a break, as
 * people type in a text box. Raw HTML is never taken: it stays text. Links to `javascript:`,
 * `vbscript:`, `file:` and `data:` (but pictures) are refused by the parser; every rendering is
 * sanitised again where it is shown (the browser, the mail).
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true });

const renderLink = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet('rel', 'noopener noreferrer nofollow');
  return renderLink(tokens, index, options, env, self);
};

// Pages written by the project itself (the user guide): line breaks in the source are not breaks.
const document = new MarkdownIt('default', { html: false, linkify: false, breaks: false });

/** A page of the project's own documentation, in Markdown, as HTML. */
export const documentToHtml = (text: string): string => document.render(text);

/** `text` written in Markdown, as HTML still to be sanitised. */
export const markdownToHtml = (text: string): string => markdown.render(text);

/** `text` safe inside HTML text and quoted attributes. */
export const escapeHtml = (text: string): string => markdown.utils.escapeHtml(text);

/** The plain words of `text` (not its code, nor the addresses of its links), piece by piece. */
export function plainWordsOf(text: string): string[] {
  return markdown
    .parseInline(text.replace(/^(```|~~~)[\s\S]*?^\1/gm, ''), {})
    .flatMap((token) => token.children ?? [])
    .filter((token) => token.type === 'text')
    .map((token) => token.content);
}

/**
 * What a rendering may keep once sanitised, in the browser and in mail alike. Pictures are left
 * out: a picture from elsewhere would tell its server who reads the ticket; files are attached.
 */
export const MARKDOWN_TAGS = [
  ...['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code'],
  ...['strong', 'em', 's', 'a', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
];
export const MARKDOWN_ATTRIBUTES = ['href', 'rel', 'start'];
