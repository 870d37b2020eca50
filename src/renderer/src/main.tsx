import './zod-config';
import './styles/index.css';
import 'virtual:mantine-theme.css';
import './styles/app.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { theme } from './theme';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* withCssVariables/withGlobalClasses off: both would inject inline <style>, which the CSP forbids; the
        build supplies the same variables as a stylesheet (virtual:mantine-theme.css). */}
    <MantineProvider theme={theme} defaultColorScheme="auto" withCssVariables={false} withGlobalClasses={false}>
      <ModalsProvider>
        {/* Bottom centre: at the bottom left a notice would cover the sidebar’s Trash link for as long as it shows. */}
        <Notifications position="bottom-center" limit={4} w={380} />
        <App />
      </ModalsProvider>
    </MantineProvider>
  </StrictMode>,
);
