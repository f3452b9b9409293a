#!/usr/bin/env node
'use strict';
// Bundles the web app (src/web) into dist/web with esbuild: one script, one stylesheet, Leaflet's images,
// and index.html. Everything is served by the API server itself: no CDN, no font or tile request leaves the
// machine, so the app works with no internet at all.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'web');

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: { app: path.join(root, 'src', 'web', 'main.tsx') },
    outdir: out,
    bundle: true,
    minify: true,
    sourcemap: true,
    target: ['chrome109', 'firefox115', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.png': 'file', '.svg': 'file' },
    assetNames: 'assets/[name]-[hash]',
    legalComments: 'linked',
    logLevel: 'warning',
  });
  fs.copyFileSync(path.join(root, 'src', 'web', 'index.html'), path.join(out, 'index.html'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
