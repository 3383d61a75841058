import PDFDocument from 'pdfkit';
import { formatDateTime } from './dates.js';
import { embeddedFont, fitToFont, type EmbeddedFont } from './fonts.js';
import type { PdfGenerated, PracticeHeader, Signature } from './types.js';

/**
 * A small page writer over PDFKit shared by the three documents: the practice header, the
 * confidentiality line and "Page n of m" on every page, headings that never sit alone at the
 * foot of a page, wrapped paragraphs, label/value rows, bullets and signature blocks. All text
 * passes through `fitToFont`, so no input can make rendering throw or print an empty glyph.
 */

const sizes = { letter: [612, 792], a4: [595.28, 841.89] } as const;
const margin = { top: 86, bottom: 70, left: 56, right: 56 };
const colours = { text: '#1d232b', heading: '#17324d', muted: '#5a6470', rule: '#c8ced6', bar: '#8aa4bf' };

/** Metadata is not drawn with the embedded font, so only control characters need removing. */
const plain = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();

export const confidentialityLine = 'Confidential health information';

interface WriteOptions {
  font?: EmbeddedFont['name'];
  size?: number;
  colour?: string;
  /** Left indent from the margin, in points. */
  indent?: number;
  /** Space after the text, in points. */
  gap?: number;
}

export interface DocumentFrame extends PdfGenerated {
  practice: PracticeHeader;
  /** The document's title: header of every page, first heading, and the PDF's Title with the client name. */
  title: string;
  clientName: string;
}

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<void>;
  private readonly frame: DocumentFrame;
  private readonly pageWidth: number;
  private readonly pageHeight: number;

  constructor(frame: DocumentFrame) {
    this.frame = frame;
    const [width, height] = sizes[frame.practice.paperSize ?? 'letter'];
    this.pageWidth = width;
    this.pageHeight = height;
    const body = embeddedFont('body');
    const bold = embeddedFont('bold');
    this.doc = new PDFDocument({
      size: [width, height],
      margins: margin,
      bufferPages: true,
      autoFirstPage: false,
      displayTitle: true,
      lang: 'en',
      info: {
        Title: plain(`${frame.title} — ${frame.clientName}`),
        Author: plain(frame.practice.name),
        Subject: plain(`${frame.title} for ${frame.clientName}, from ${frame.practice.name}`),
        Creator: 'Liminal',
        Producer: 'Liminal (PDFKit)',
        // The file's identity derives from this date, so equal inputs give byte-identical files.
        CreationDate: frame.generatedAt,
      },
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.doc.registerFont('body', body.data);
    this.doc.registerFont('bold', bold.data);
    this.doc.addPage();
    this.doc.font('body');
  }

  private get contentWidth(): number {
    return this.pageWidth - margin.left - margin.right;
  }

  private get bottom(): number {
    return this.pageHeight - margin.bottom;
  }

  /** The room a figure may take: the text column's width and a whole page's body height. */
  get figureArea(): { width: number; height: number } {
    return { width: this.contentWidth, height: this.bottom - margin.top };
  }

  /**
   * A drawing `size` points tall (or as tall as `size` measures it) across the text column, on a
   * new page when it does not fit on this one. `draw` paints with PDFKit inside `box`; the page's
   * margins are lifted meanwhile so nothing it writes can start a page, and the text continues
   * below the box.
   */
  figure(
    size: number | ((doc: PDFKit.PDFDocument, width: number) => number),
    draw: (doc: PDFKit.PDFDocument, box: { x: number; y: number; width: number; height: number }) => void,
  ): void {
    const height = typeof size === 'number' ? size : size(this.doc, this.contentWidth);
    this.ensureSpace(height);
    const box = { x: margin.left, y: this.doc.y, width: this.contentWidth, height };
    const saved = { ...this.doc.page.margins };
    this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    this.doc.save();
    try {
      draw(this.doc, box);
    } finally {
      this.doc.restore();
      this.doc.page.margins = saved;
    }
    this.doc.x = margin.left;
    this.doc.y = box.y + height;
  }

  /** Starts a new page when fewer than `height` points remain on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  space(points: number): void {
    if (this.doc.y + points <= this.bottom) this.doc.y += points;
  }

  /** Wrapped text at the left margin (plus indent); long text flows onto further pages. */
  write(text: string, options: WriteOptions = {}): void {
    const font = embeddedFont(options.font ?? 'body');
    const indent = options.indent ?? 0;
    this.doc
      .font(font.name)
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? colours.text)
      .text(fitToFont(text, font), margin.left + indent, this.doc.y, { width: this.contentWidth - indent, lineGap: 2 });
    this.doc.x = margin.left;
    if (options.gap) this.space(options.gap);
  }

  private heightOf(text: string, font: EmbeddedFont['name'], size: number, width: number): number {
    return this.doc
      .font(font)
      .fontSize(size)
      .heightOfString(fitToFont(text, embeddedFont(font)), { width, lineGap: 2 });
  }

  /** The document's title block on the first page. */
  title(title: string, lines: string[]): void {
    this.write(title, { font: 'bold', size: 18, colour: colours.heading, gap: 4 });
    for (const line of lines) this.write(line, { size: 10, colour: colours.muted });
    this.space(10);
  }

  private get atTopOfPage(): boolean {
    return this.doc.y <= margin.top + 1;
  }

  /** A section heading, kept on the same page as the first lines after it. */
  heading(text: string): void {
    this.ensureSpace(70);
    if (!this.atTopOfPage) this.space(10);
    this.write(text, { font: 'bold', size: 13, colour: colours.heading, gap: 2 });
    const y = this.doc.y;
    this.doc.moveTo(margin.left, y).lineTo(margin.left + this.contentWidth, y).lineWidth(0.5).strokeColor(colours.rule).stroke();
    this.space(6);
  }

  /** A heading inside a section. */
  subheading(text: string, indent = 0): void {
    this.ensureSpace(48);
    if (!this.atTopOfPage) this.space(5);
    this.write(text, { font: 'bold', size: 10.5, colour: colours.heading, indent, gap: 3 });
  }

  /** The smallest heading: an item inside a subsection (a problem, a goal, an addendum). */
  minorHeading(text: string, indent = 0): void {
    this.ensureSpace(40);
    if (!this.atTopOfPage) this.space(3);
    this.write(text, { font: 'bold', size: 10, indent, gap: 2 });
  }

  /** Body text; blank lines in it separate paragraphs. A blank text prints `empty` in grey. */
  paragraph(text: string, empty = 'Nothing recorded.', indent = 0): void {
    const paragraphs = text
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n/)
      .map((p) => p.replace(/^\n+|\n+$/g, ''))
      .filter((p) => p.trim() !== '');
    if (paragraphs.length === 0) {
      this.write(empty, { colour: colours.muted, indent, gap: 6 });
      return;
    }
    for (const p of paragraphs) {
      this.ensureSpace(16);
      this.write(p, { indent, gap: 6 });
    }
  }

  /** Small grey text, e.g. an explanation under a heading. */
  note(text: string, indent = 0): void {
    this.write(text, { size: 8.5, colour: colours.muted, indent, gap: 4 });
  }

  /** Label and value pairs in two columns; a value may wrap over several lines. */
  fields(rows: Array<[label: string, value: string]>): void {
    const labelWidth = 132;
    const valueWidth = this.contentWidth - labelWidth;
    for (const [label, raw] of rows) {
      const value = raw.trim() === '' ? 'Not recorded' : raw;
      const height = Math.max(this.heightOf(label, 'bold', 9, labelWidth - 8), this.heightOf(value, 'body', 10, valueWidth));
      this.ensureSpace(Math.min(height, 200) + 4);
      const y = this.doc.y;
      const bold = embeddedFont('bold');
      const body = embeddedFont('body');
      this.doc
        .font('bold')
        .fontSize(9)
        .fillColor(colours.muted)
        .text(fitToFont(label, bold), margin.left, y + 1, { width: labelWidth - 8, lineGap: 2 });
      const labelBottom = this.doc.y;
      this.doc
        .font('body')
        .fontSize(10)
        .fillColor(colours.text)
        .text(fitToFont(value, body), margin.left + labelWidth, y, { width: valueWidth, lineGap: 2 });
      // A value that flowed onto a new page ends above where its label did on the old one.
      if (this.doc.y < labelBottom && this.doc.y > y) this.doc.y = labelBottom;
      this.doc.x = margin.left;
      this.space(3);
    }
    this.space(4);
  }

  /** A bulleted list; each item may wrap. */
  bullets(items: string[], indent = 0): void {
    for (const item of items) {
      this.ensureSpace(16);
      const y = this.doc.y;
      this.doc.font('body').fontSize(10).fillColor(colours.text).text('•', margin.left + indent, y, { width: 10, lineBreak: false });
      this.doc.y = y;
      this.write(item, { indent: indent + 12, gap: 3 });
    }
    this.space(3);
  }

  /** A signature block: what the signature means, name and credentials, when (practice time zone), content hash. */
  signature(signature: Signature): void {
    const name = signature.credentials?.trim() ? `${signature.name}, ${signature.credentials.trim()}` : signature.name;
    const when = formatDateTime(signature.at, this.frame.practice.timezone);
    const hash = signature.contentHash?.trim() ? `Content hash: ${signature.contentHash.trim()}` : '';
    const width = this.contentWidth - 12;
    const height =
      this.heightOf(signature.label, 'bold', 8, width) +
      this.heightOf(name, 'bold', 11, width) +
      this.heightOf(when, 'body', 9.5, width) +
      (hash ? this.heightOf(hash, 'body', 7, width) : 0) +
      8;
    this.ensureSpace(height + 10);
    const top = this.doc.y;
    this.write(signature.label, { font: 'bold', size: 8, colour: colours.muted, indent: 12 });
    this.write(name, { font: 'bold', size: 11, indent: 12 });
    this.write(when, { size: 9.5, indent: 12 });
    if (hash) this.write(hash, { size: 7, colour: colours.muted, indent: 12 });
    const end = this.doc.y;
    this.doc.moveTo(margin.left + 2, top).lineTo(margin.left + 2, end).lineWidth(2).strokeColor(colours.bar).stroke();
    this.space(10);
  }

  /** Draws the header and footer on every page, then closes the document. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    const body = embeddedFont('body');
    const bold = embeddedFont('bold');
    const { practice, title, clientName } = this.frame;
    const generated = `Generated ${formatDateTime(this.frame.generatedAt, practice.timezone)} by ${this.frame.generatedBy}`;
    const left = margin.left;
    const width = this.contentWidth;
    const half = width / 2 - 8;
    for (let i = range.start; i < range.start + total; i++) {
      this.doc.switchToPage(i);
      const saved = { ...this.doc.page.margins };
      // Drawing in the margins must never push text onto a new page.
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };

      this.doc.font('bold').fontSize(10.5).fillColor(colours.heading);
      this.doc.text(fitToFont(practice.name, bold), left, 30, { width: half, height: 14, ellipsis: true, lineBreak: false });
      if (practice.address?.trim()) {
        const address = practice.address.trim().replace(/\s*\n\s*/g, ' · ');
        this.doc.font('body').fontSize(7.5).fillColor(colours.muted);
        this.doc.text(fitToFont(address, body), left, 46, { width: half, height: 20, ellipsis: true });
      }
      this.doc.font('bold').fontSize(9).fillColor(colours.heading);
      this.doc.text(fitToFont(title, bold), left + width - half, 31, { width: half, align: 'right', height: 12, ellipsis: true, lineBreak: false });
      this.doc.font('body').fontSize(9).fillColor(colours.text);
      this.doc.text(fitToFont(clientName, body), left + width - half, 45, { width: half, align: 'right', height: 12, ellipsis: true, lineBreak: false });
      this.doc.moveTo(left, 68).lineTo(left + width, 68).lineWidth(0.5).strokeColor(colours.rule).stroke();

      const footerTop = this.pageHeight - 52;
      this.doc.moveTo(left, footerTop).lineTo(left + width, footerTop).lineWidth(0.5).strokeColor(colours.rule).stroke();
      this.doc.font('bold').fontSize(7.5).fillColor(colours.text);
      this.doc.text(confidentialityLine, left, footerTop + 8, { width: width - 90, lineBreak: false });
      this.doc.font('body').fontSize(7.5).fillColor(colours.muted);
      this.doc.text(fitToFont(generated, body), left, footerTop + 19, { width: width - 90, height: 10, ellipsis: true, lineBreak: false });
      if (this.frame.releasedTo) {
        this.doc.font('bold').fontSize(7.5).fillColor(colours.text);
        this.doc.text(fitToFont(this.frame.releasedTo, bold), left, footerTop + 30, { width: width - 90, height: 10, ellipsis: true, lineBreak: false });
      }
      this.doc.font('body').fontSize(8.5).fillColor(colours.text);
      this.doc.text(`Page ${i - range.start + 1} of ${total}`, left + width - 90, footerTop + 8, { width: 90, align: 'right', lineBreak: false });

      this.doc.page.margins = saved;
    }
    this.doc.end();
    await this.done;
    return Buffer.concat(this.chunks);
  }
}
