import type { PreloadApi } from '../shared/api/window-api';

declare global {
  interface Window {
    /** Present inside the Electron window only; absent in a browser served by the bridge. */
    api?: PreloadApi;
  }
}
