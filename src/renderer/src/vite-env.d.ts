/// <reference types="vite/client" />
declare module 'virtual:mantine-theme.css';

/** The app's version, from package.json, fixed at build time. */
declare const __APP_VERSION__: string;
