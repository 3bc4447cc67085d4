// The desk's maps: OpenLayers over an offline basemap (Natural Earth land and
// the DPRK's outline from the world-atlas package, built into assets/), the
// ports the detectors know, and the DPRK waters as the rules see them (within
// the rules' distances of a DPRK port). Tracks and events are added on top.
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { LineString, Point } from 'ol/geom.js';
import { circular } from 'ol/geom/Polygon.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { Style, Stroke, Fill, Circle as CircleStyle, Text, RegularShape } from 'ol/style.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { api } from './api.js';

const geojson = new GeoJSON({ featureProjection: 'EPSG:3857' });
let basemap = null;  // {land, dprk, ports}: fetched once per page load

async function loadBasemap() {
  if (!basemap) {
    basemap = Promise.all([
      fetch('assets/land.json').then((r) => r.json()),
      fetch('assets/dprk.json').then((r) => r.json()),
      api('/ports').catch(() => ({ ports: [], dprk_zone_km: 0 })),
    ]).then(([land, dprk, ports]) => ({ land, dprk, ports }));
  }
  return basemap;
}

export const COLOURS = ['#c0392b', '#1f5fa8', '#1e8449', '#8e44ad', '#b9770e', '#117a65', '#6c3483', '#a04000'];

const EVENT_STYLE = {
  encounter: { colour: '#c0392b', shape: 'circle' },
  gap: { colour: '#7d3c98', shape: 'square' },
  port_call: { colour: '#1e8449', shape: 'triangle' },
  loitering: { colour: '#b9770e', shape: 'diamond' },
  identity: { colour: '#2e4053', shape: 'star' },
  port_sequence: { colour: '#117a65', shape: 'triangle' },
  listed_vessel: { colour: '#922b21', shape: 'star' },
  alert: { colour: '#e67e22', shape: 'ring' },
};
export { cached };
export const EVENT_KINDS = Object.keys(EVENT_STYLE);

// Styles are shared: each RegularShape draws its own canvas, so one per event
// would cost a canvas per feature.
const styleCache = new Map();
function cached(key, make) {
  let s = styleCache.get(key);
  if (!s) styleCache.set(key, (s = make()));
  return s;
}

function eventStyle(type, size = 7) {
  return cached(`event:${type}:${size}`, () => makeEventStyle(type, size));
}

function makeEventStyle(type, size) {
  const s = EVENT_STYLE[type] || { colour: '#333', shape: 'circle' };
  const fill = new Fill({ color: s.colour });
  const stroke = new Stroke({ color: '#fff', width: 1.5 });
  let image;
  if (s.shape === 'circle') image = new CircleStyle({ radius: size, fill, stroke });
  else if (s.shape === 'square') image = new RegularShape({ points: 4, radius: size + 1, angle: Math.PI / 4, fill, stroke });
  else if (s.shape === 'triangle') image = new RegularShape({ points: 3, radius: size + 1, fill, stroke });
  else if (s.shape === 'diamond') image = new RegularShape({ points: 4, radius: size + 1, fill, stroke });
  else if (s.shape === 'ring') image = new CircleStyle({ radius: size + 4, stroke: new Stroke({ color: s.colour, width: 3 }) });
  else image = new RegularShape({ points: 5, radius: size + 2, radius2: size / 2, fill, stroke });
  return new Style({ image });
}

// Maps of the page on screen; the router disposes them when it draws another
// (a detached map would still answer its view's changes).
const live = new Set();
export function disposeMaps() {
  for (const m of live) m.dispose();
  live.clear();
}

// A map in `target` (an element) with the basemap; resolves once the basemap
// is drawn. `onSelect(feature)` gets clicks on tracks and events.
export async function createMap(target, { extent = [118, 30, 145, 50], onSelect } = {}) {
  const bm = await loadBasemap();
  const land = new VectorLayer({
    source: new VectorSource({ features: geojson.readFeatures(bm.land) }),
    style: new Style({ fill: new Fill({ color: '#e8e4d8' }), stroke: new Stroke({ color: '#9c9583', width: 0.8 }) }),
  });
  const dprk = new VectorLayer({
    source: new VectorSource({ features: geojson.readFeatures(bm.dprk) }),
    style: new Style({ fill: new Fill({ color: '#f3d9d4' }), stroke: new Stroke({ color: '#a93226', width: 1.2 }) }),
  });
  const zoneFeatures = [], portFeatures = [];
  for (const p of bm.ports.ports || []) {
    const at = [p.lon, p.lat];
    if (p.country === 'KP' && bm.ports.dprk_zone_km > 0)
      zoneFeatures.push(new Feature(circular(at, bm.ports.dprk_zone_km * 1000, 48).transform('EPSG:4326', 'EPSG:3857')));
    const f = new Feature(new Point(fromLonLat(at)));
    f.set('label', p.name);
    f.set('dprk', p.country === 'KP');
    f.set('kind', 'port');
    f.set('port', p);
    portFeatures.push(f);
  }
  const zones = new VectorLayer({
    source: new VectorSource({ features: zoneFeatures }),
    style: new Style({ fill: new Fill({ color: 'rgba(192,57,43,0.06)' }), stroke: new Stroke({ color: 'rgba(192,57,43,0.35)', width: 1, lineDash: [4, 4] }) }),
  });
  const ports = new VectorLayer({
    source: new VectorSource({ features: portFeatures }),
    declutter: false,
    style: (f, resolution) => {
      const label = resolution < 2500;
      const key = `port:${f.get('dprk')}:${label ? f.get('label') : ''}`;
      return cached(key, () => new Style({
        image: cached(`portmark:${f.get('dprk')}`, () => new RegularShape({ points: 4, radius: 4, angle: Math.PI / 4, fill: new Fill({ color: f.get('dprk') ? '#a93226' : '#34495e' }) })),
        text: label ? new Text({ text: f.get('label'), offsetY: -10, font: '11px sans-serif', fill: new Fill({ color: '#222' }), stroke: new Stroke({ color: '#fff', width: 3 }) }) : undefined,
      }));
    },
  });
  const tracks = new VectorLayer({ source: new VectorSource() });
  const events = new VectorLayer({ source: new VectorSource() });
  const map = new Map({
    target,
    layers: [land, dprk, zones, ports, tracks, events],
    controls: defaultControls({ attribution: false }).extend([new ScaleLine()]),
    view: new View({ center: fromLonLat([127, 39]), zoom: 5 }),
  });
  live.add(map);
  map.getView().fit(transformExtent(extent, 'EPSG:4326', 'EPSG:3857'), { padding: [20, 20, 20, 20] });
  if (onSelect) {
    map.on('singleclick', (e) => {
      const f = map.forEachFeatureAtPixel(e.pixel, (x) => x, { hitTolerance: 5, layerFilter: (l) => l === tracks || l === events });
      if (f) onSelect(f);
    });
    map.on('pointermove', (e) => {
      const hit = map.hasFeatureAtPixel(e.pixel, { hitTolerance: 5, layerFilter: (l) => l === tracks || l === events });
      map.getTargetElement().style.cursor = hit ? 'pointer' : '';
    });
  }
  return {
    map, tracks, events,
    // coords: [[lon, lat, ...], ...]
    addTrack(coords, { colour = COLOURS[0], width = 2.5, props = {} } = {}) {
      if (coords.length < 1) return null;
      const geom = coords.length === 1 ? new Point(fromLonLat(coords[0].slice(0, 2)))
        : new LineString(coords.map((c) => fromLonLat([c[0], c[1]])));
      const f = new Feature(geom);
      f.setProperties({ kind: 'track', ...props });
      f.setStyle(cached(`track:${colour}:${width}`, () => new Style({ stroke: new Stroke({ color: colour, width }), image: new CircleStyle({ radius: 3, fill: new Fill({ color: colour }) }) })));
      tracks.getSource().addFeature(f);
      return f;
    },
    addEvent(type, lon, lat, props = {}, size = 7) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
      const f = new Feature(new Point(fromLonLat([lon, lat])));
      f.setProperties({ kind: 'event', type, ...props });
      f.setStyle(eventStyle(type, size));
      events.getSource().addFeature(f);
      return f;
    },
    fitTo(source = tracks.getSource(), maxZoom = 10) {
      const e = source.getExtent();
      if (e && Number.isFinite(e[0])) map.getView().fit(e, { padding: [40, 40, 40, 40], maxZoom });
    },
    // Draws the map now (the canvas holds every layer's features when it
    // returns) and resolves once the browser has painted that frame.
    redraw() {
      map.renderSync();
      return new Promise((resolve) => requestAnimationFrame(() => resolve()));
    },
  };
}

// A GeoJSON track's coordinates ([lon, lat, 0, t]) cut where the ship fell
// silent for over an hour or where a step is faster than 60 knots (two ships
// sharing an MMSI): the map draws no line across either, as /map does on the
// server (report::ThinTrack).
export function splitTrack(coords, { maxGapS = 3600, maxKnots = 60 } = {}) {
  const pieces = [];
  let piece = [];
  for (let i = 0; i < coords.length; i++) {
    const c = coords[i], p = coords[i - 1];
    if (p) {
      const dt = Math.max(1, c[3] - p[3]);
      const dy = (c[1] - p[1]) * 111320, dx = (c[0] - p[0]) * 111320 * Math.cos((c[1] * Math.PI) / 180);
      const m = Math.hypot(dx, dy);
      if (dt > maxGapS || (m > 1000 && m / dt > (maxKnots * 1852) / 3600)) {
        pieces.push(piece);
        piece = [];
      }
    }
    piece.push(c);
  }
  if (piece.length) pieces.push(piece);
  return pieces;
}

export function legend(kinds) {
  const ul = document.createElement('ul');
  ul.className = 'legend';
  for (const k of kinds) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = (EVENT_STYLE[k] || {}).colour || '#333';
    li.append(sw, document.createTextNode(k.replace('_', ' ')));
    ul.append(li);
  }
  return ul;
}
