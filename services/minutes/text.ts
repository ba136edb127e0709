/**
 * Characters XML 1.0 cannot carry and no reader wants in a document: control characters,
 * lone surrogates, U+FFFE/FFFF. The docx library escapes markup but writes these as they
 * are, and Word and LibreOffice then refuse the file; text typed by members may hold them.
 */
const UNPRINTABLE = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Free text made safe to print: unprintable characters dropped, line ends as "\n". */
export const printable = (text: string): string => text.replace(UNPRINTABLE, '').replace(/\r\n?/g, '\n');
