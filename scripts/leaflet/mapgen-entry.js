// The entry of mapgen's build of Leaflet 1.9.3 (scripts/build_leaflet.py): Leaflet's own
// src/Leaflet.js with only the modules a page of mapgen's runtime uses. Left out: GeoJSON, the
// image, video and SVG overlays, the canvas renderer, Circle and Rectangle, the scale control,
// the tile layers (a page with tiles gets the whole of Leaflet), and the projections and CRSs
// other than Web Mercator. Every module kept is Leaflet's, unchanged, save the one that picks
// a renderer (mapgen-renderer.js: SVG only). Leaflet: BSD-2-Clause, (c) Vladimir Agafonkin.
import {version} from '../package.json';
export {version};

import {Control, control} from './control/Control';
import {Layers, layers} from './control/Control.Layers';
import {Zoom, zoom} from './control/Control.Zoom';
import {Attribution, attribution} from './control/Control.Attribution';
Control.Layers = Layers;
Control.Zoom = Zoom;
Control.Attribution = Attribution;
control.layers = layers;
control.zoom = zoom;
control.attribution = attribution;
export {Control, control};

export * from './core/index';
export * from './dom/index';
export * from './geometry/index';

export {LatLng, toLatLng as latLng} from './geo/LatLng';
export {LatLngBounds, toLatLngBounds as latLngBounds} from './geo/LatLngBounds';
import {SphericalMercator} from './geo/projection/Projection.SphericalMercator';
export const Projection = {SphericalMercator};
import {CRS} from './geo/crs/CRS';
import {Earth} from './geo/crs/CRS.Earth';
import {EPSG3857, EPSG900913} from './geo/crs/CRS.EPSG3857';
CRS.Earth = Earth;
CRS.EPSG3857 = EPSG3857;
CRS.EPSG900913 = EPSG900913;
export {CRS};

export {Layer} from './layer/Layer';
export {LayerGroup, layerGroup} from './layer/LayerGroup';
export {FeatureGroup, featureGroup} from './layer/FeatureGroup';
export {DivOverlay} from './layer/DivOverlay';
export {Popup, popup} from './layer/Popup';
export {Tooltip, tooltip} from './layer/Tooltip';

import {Icon} from './layer/marker/Icon';
export {icon} from './layer/marker/Icon';
import {IconDefault} from './layer/marker/Icon.Default';
Icon.Default = IconDefault;
export {Icon};
export {DivIcon, divIcon} from './layer/marker/DivIcon';
export {Marker, marker} from './layer/marker/Marker';

export {Renderer} from './layer/vector/Renderer';
import {SVG, create, pointsToPath, svg} from './layer/vector/SVG';
SVG.create = create;
SVG.pointsToPath = pointsToPath;
export {SVG, svg};
import './mapgen-renderer';
export {Path} from './layer/vector/Path';
export {CircleMarker, circleMarker} from './layer/vector/CircleMarker';
export {Polyline, polyline} from './layer/vector/Polyline';
export {Polygon, polygon} from './layer/vector/Polygon';

export * from './map/index';
