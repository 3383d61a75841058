import { extractText, getDocumentProxy, getMeta } from 'unpdf';

/**
 * Reading PDFs back as text, for tests (server tests and Playwright specs): what a person would
 * find with their PDF reader's search. Uses PDF.js through `unpdf` (pure JavaScript, no canvas).
 */

/** The text of each page, in page order. */
export async function extractPdfPages(buffer: Uint8Array): Promise<string[]> {
  // PDF.js may take ownership of the bytes it is given, so it gets a copy.
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text;
  } finally {
    await pdf.destroy();
  }
}

/** The text of every page, pages joined by '\n\f\n'. */
export async function extractPdfText(buffer: Uint8Array): Promise<string> {
  return (await extractPdfPages(buffer)).join('\n\f\n');
}

export interface PdfMetadata {
  title: string | null;
  author: string | null;
  creator: string | null;
  pages: number;
}

/** The document information a PDF reader shows under "Properties". */
export async function readPdfMetadata(buffer: Uint8Array): Promise<PdfMetadata> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  try {
    const { info } = await getMeta(pdf);
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    return { title: text(info['Title']), author: text(info['Author']), creator: text(info['Creator']), pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
