#!/usr/bin/env node
/*
 * The desktop app's icons, drawn from the window's own icon (src/renderer/public/favicon.svg) so the two
 * never differ: build/icon.png (1024 px; electron-builder makes the macOS .icns and the Windows .ico from
 * it) and build/icons/<size>x<size>.png (the Linux icon theme sizes for AppImage and deb). Run it after
 * changing the SVG: `node scripts/make-icons.js`; the PNGs are committed.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { Buffer } from 'node:buffer';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(path.join(root, 'src/renderer/public/favicon.svg'), 'utf8');

async function render(size) {
  // The SVG's own size decides the raster's resolution: give it the target size, never scale a 32 px image up.
  const image = await loadImage(Buffer.from(svg.replace('<svg ', `<svg width="${size}" height="${size}" `)));
  const canvas = createCanvas(size, size);
  canvas.getContext('2d').drawImage(image, 0, 0, size, size);
  return canvas.toBuffer('image/png');
}

await mkdir(path.join(root, 'build/icons'), { recursive: true });
await writeFile(path.join(root, 'build/icon.png'), await render(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) await writeFile(path.join(root, `build/icons/${size}x${size}.png`), await render(size));
