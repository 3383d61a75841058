import { ApiError } from '../api';

/** The file name the server gave (Content-Disposition), else the one we chose. */
export function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(cd)?.[1] ?? fallback;
}

/** Offers a file to save, as a download link would. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Fetches a file made on the server (every download is audited there) and offers it to save.
 * Fetched rather than linked, so that a refusal reads as the server's own words, not a page of JSON.
 */
export async function downloadFromServer(href: string, fallbackName: string, words: { unreachable: string; failed: string }): Promise<void> {
  let res: Response;
  try {
    res = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', words.unreachable);
  }
  if (!res.ok) {
    let body: { code?: string; message?: string } = {};
    try {
      body = JSON.parse(await res.text()) as typeof body;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, body.code ?? 'error', body.message ?? `${words.failed} (${res.status}).`);
  }
  saveFile(await res.blob(), fileNameOf(res, fallbackName));
}
