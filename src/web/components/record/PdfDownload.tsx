import { Button, type ButtonProps, Stack } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api';
import { FormError } from '../FormError';
import { downloadFromServer } from '../download';

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
      await downloadFromServer(href, fileName, {
        unreachable: 'The server could not be reached. Check your connection and try again.',
        failed: 'The PDF could not be made',
      });
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
