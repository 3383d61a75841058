import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/PageHeader';

export function NotFound() {
  useDocumentTitle('Not found');
  return (
    <Paper withBorder p="xl" maw={560}>
      <Stack align="flex-start">
        <Title order={1} size="h3">
          There is nothing at this address
        </Title>
        <Text c="dimmed">The link may be old, or the page may have moved.</Text>
        <Button component={Link} to="/">
          Go to your home page
        </Button>
      </Stack>
    </Paper>
  );
}
