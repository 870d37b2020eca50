/*
 * The head of a list pane (a case, People, Trash): its title, a line or two about it below, and its actions on the
 * right. One component, so the panes keep the same spacing, type and wrapping (app.css: .case-header).
 */
import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  /** Lines the title may take before it is cut short (a case's title can be long); unset: all it needs. */
  titleLines?: number;
  /** Below the title: a sentence (shown dimmed), or elements of the pane's own (a case's status and date). */
  description?: ReactNode;
  /** The pane's actions, at the right; they keep their width and the text beside them wraps. */
  actions?: ReactNode;
}

export function PaneHeader({ title, titleLines, description, actions }: Props) {
  return (
    <div className="case-header">
      <div className="case-header-text">
        <Title order={3} className="case-title" lineClamp={titleLines}>
          {title}
        </Title>
        {typeof description === 'string' ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : (
          description
        )}
      </div>
      {actions}
    </div>
  );
}
