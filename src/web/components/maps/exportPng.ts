import { ApiError } from '../../api';
import { fileNameOf, saveFile } from '../download';

/**
 * A PNG of an SVG picture, drawn in the browser: the SVG as an image onto a canvas at `scale`
 * times its size (2× for print-sharp lines), on white.
 */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The picture could not be drawn in this browser.'));
      img.src = url;
    });
    const width = img.naturalWidth || 1200;
    const height = img.naturalHeight || 900;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw pictures for download.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Fetches a map version's SVG and saves it as a PNG at twice its size. */
export async function downloadPng(svgUrl: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(svgUrl, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (!res.ok) throw new ApiError(res.status, 'error', 'The picture of this version could not be fetched.');
  const name = fileNameOf(res, `${fallbackName}.svg`).replace(/\.svg$/i, '.png');
  saveFile(await svgToPng(await res.text(), 2), name);
}
