import { Button, type ButtonProps, Stack } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api';
import { FormError } from '../FormError';

/** The file name the server gave (Content-Disposition), else the one we chose. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a PDF made on the server (every download is audited there). Fetched rather than linked
 * so that a refusal reads as the server's own words beside the button, not as a page of JSON.
 */
export function PdfDownload({ href, fileName, children, ...button }: { href: string; fileName: string; children: React.ReactNode } & ButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) {
        const text = await res.text();
        let body: { code?: string; message?: string } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          // not JSON
        }
        throw new ApiError(res.status, body.code ?? 'error', body.message ?? `The PDF could not be made (${res.status}).`);
      }
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res, fileName);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4} align="flex-start">
      <Button variant="light" leftSection={<IconFileTypePdf size={16} aria-hidden />} loading={busy} onClick={() => void download()} {...button}>
        {children}
      </Button>
      <FormError error={error} />
    </Stack>
  );
}
