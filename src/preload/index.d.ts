import type { PreloadApi } from './api-types';

declare global {
  interface Window {
    /** Present inside the Electron window only; absent in a browser served by the bridge. */
    api?: PreloadApi;
  }
}
