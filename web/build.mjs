// Builds the desk into one folder that `watchkeeper serve --web DIR` serves:
// index.html, assets/desk.js and assets/desk.css (the app and OpenLayers,
// bundled by esbuild), assets/land.json and assets/dprk.json (Natural Earth
// land and the DPRK's outline from the world-atlas package, as GeoJSON), so
// that nothing is fetched from the internet when the page runs.
//
//   node build.mjs OUT_DIR [NODE_MODULES_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, 'dist'));
const modules = path.resolve(process.argv[3] || path.join(here, 'node_modules'));
// The packages are wherever npm ci put them (the build folder), not beside this file.
const require = createRequire(path.join(modules, 'noop.js'));
const esbuild = require('esbuild');
const { feature } = require('topojson-client');
fs.mkdirSync(path.join(out, 'assets'), { recursive: true });

await esbuild.build({
  entryPoints: { desk: path.join(here, 'src/main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: path.join(out, 'assets'),
  nodePaths: [modules],
  legalComments: 'eof',
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: { desk: path.join(here, 'src/style.css') },
  bundle: true,
  minify: true,
  outdir: path.join(out, 'assets'),
  nodePaths: [modules],
  logLevel: 'warning',
});

// Natural Earth 1:50m land, and the DPRK (ISO 3166 numeric 408) from the
// countries file, converted from TopoJSON once here.
const read = (f) => JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas', f), 'utf8'));
// Coordinates to 1e-3 degrees (about 100 m, finer than 1:50m's detail) halve the file.
const rounded = (geo) => JSON.stringify(geo, (k, v) => (typeof v === 'number' && k !== 'id' ? Math.round(v * 1000) / 1000 : v));
const land = read('land-50m.json');
fs.writeFileSync(path.join(out, 'assets/land.json'), rounded(feature(land, land.objects.land)));
const countries = read('countries-50m.json');
const all = feature(countries, countries.objects.countries);
const dprk = { type: 'FeatureCollection', features: all.features.filter((f) => f.id === '408') };
if (dprk.features.length !== 1) throw new Error('world-atlas: the DPRK (408) is not in countries-50m.json');
fs.writeFileSync(path.join(out, 'assets/dprk.json'), rounded(dprk));

fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
console.log(`desk built in ${out}`);
