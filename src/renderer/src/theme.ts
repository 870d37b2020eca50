/*
 * The Mantine theme. Its CSS variables are not injected at run time (that would need inline <style>
 * elements, which the CSP forbids): the build turns this theme into a static stylesheet
 * (virtual:mantine-theme.css, made in electron.vite.config.ts), so change it here and rebuild.
 */
import { createTheme, Drawer, Modal, Notification, type MantineColorsTuple } from '@mantine/core';

/** A deep, slightly cool blue: reads as "records and evidence", calm in both light and dark. */
const casefolio: MantineColorsTuple = ['#eef3fb', '#dae3f3', '#b1c5e6', '#86a5da', '#628acf', '#4b79c8', '#3e70c6', '#305fb0', '#28549e', '#1b478c'];

export const theme = createTheme({
  primaryColor: 'casefolio',
  // Dark shade 7: white on shade 5 is 4.3:1, below WCAG AA for button labels.
  primaryShade: { light: 7, dark: 7 },
  colors: { casefolio },
  fontFamily: '"Inter Variable", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Liberation Sans", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace',
  headings: { fontFamily: '"Inter Variable", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif', fontWeight: '650' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontSmoothing: true,
  components: {
    // Scroll locking injects an inline <style> (react-remove-scroll), which the CSP forbids; the window
    // never scrolls as a whole (each pane scrolls itself), so there is nothing to lock.
    // The close button is an icon: it needs a name for a screen reader (not "Close", which dialogs use for their own buttons).
    Modal: Modal.extend({ defaultProps: { lockScroll: false, closeButtonProps: { 'aria-label': 'Dismiss' } } }),
    Drawer: Drawer.extend({ defaultProps: { lockScroll: false } }),
    // A notification's close button is an icon alone: it needs a name for screen readers (axe: button-name).
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } }),
  },
});
