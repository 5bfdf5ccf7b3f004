import PageHeader from '@atlaskit/page-header';
import { Box, Stack } from '@atlaskit/primitives';
import type { ReactElement, ReactNode } from 'react';

/** A sub-page of the admin page: Jira draws the sidebar; the page brings its header and content. */
export function PageFrame({ title, actions, children }: { readonly title: string; readonly actions?: ReactElement; readonly children: ReactNode }) {
  return (
    <Box padding="space.300" as="main">
      <PageHeader {...(actions === undefined ? {} : { actions })}>{title}</PageHeader>
      <Stack space="space.200">{children}</Stack>
    </Box>
  );
}
