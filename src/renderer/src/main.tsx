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
        <Notifications position="bottom-left" limit={4} w={340} />
        <App />
      </ModalsProvider>
    </MantineProvider>
  </StrictMode>,
);
