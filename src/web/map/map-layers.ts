import type { LayerSpecification } from 'maplibre-gl';
import { priorityColourExpression } from '../requests/request-map.ts';
import { orgColourExpression, typeColourExpression } from './colours.ts';

/** The layers a user can switch on and off, in drawing order (first drawn lowest). */
export const toggleableLayers = [
  'boundaries',
  'zone',
  'jccs',
  'gaps',
  'hotspots',
  'line',
  'aors',
  'patrols',
  'checkpoints',
  'sites',
  'corridors',
  'activities',
  'incidents',
  'requests',
  'units',
] as const;
export type LayerToggle = (typeof toggleableLayers)[number];

/** Every map source the app fills with data. */
export const sourceIds = [
  'boundaries',
  'zone',
  'line',
  'jccs',
  'presence',
  'gaps',
  'corridors',
  'hotspots',
  'sites',
  'siteAreas',
  'incidents',
  'requests',
  'pick',
  'activities',
  'planDraft',
  'units',
] as const;
export type SourceId = (typeof sourceIds)[number];

type Layer = LayerSpecification & { source: SourceId };

/** The MapLibre layers behind each toggle. */
export function layersOf(toggle: LayerToggle, orgColours: Record<string, string>): Layer[] {
  const byOrg = orgColourExpression(orgColours) as never;
  switch (toggle) {
    case 'boundaries':
      return [
        {
          id: 'boundaries-district',
          type: 'line',
          source: 'boundaries',
          filter: ['==', ['get', 'level'], 2],
          minzoom: 6.5,
          paint: { 'line-color': '#a39e90', 'line-width': 0.6, 'line-dasharray': [3, 2] },
        },
        {
          id: 'boundaries-governorate',
          type: 'line',
          source: 'boundaries',
          filter: ['==', ['get', 'level'], 1],
          paint: { 'line-color': '#8a8474', 'line-width': 1.1 },
        },
      ];
    case 'zone':
      return [
        { id: 'zone-fill', type: 'fill', source: 'zone', paint: { 'fill-color': '#fff3bf', 'fill-opacity': 0.45 } },
        { id: 'zone-edge', type: 'line', source: 'zone', paint: { 'line-color': '#b08900', 'line-width': 1 } },
      ];
    case 'jccs':
      return [
        {
          id: 'jcc-aor',
          type: 'line',
          source: 'jccs',
          paint: { 'line-color': '#2f855a', 'line-width': 1.6, 'line-dasharray': [4, 2] },
        },
      ];
    case 'gaps':
      return [
        {
          id: 'gap-fill',
          type: 'fill',
          source: 'gaps',
          paint: {
            'fill-color': ['case', ['get', 'corridor'], '#c62828', '#ef5350'],
            'fill-opacity': ['case', ['get', 'corridor'], 0.32, 0.22],
          },
        },
        { id: 'gap-edge', type: 'line', source: 'gaps', paint: { 'line-color': '#b71c1c', 'line-width': 0.8 } },
      ];
    case 'hotspots':
      return [
        {
          id: 'hotspot-fill',
          type: 'fill',
          source: 'hotspots',
          paint: { 'fill-color': '#ff6f00', 'fill-opacity': 0.35 },
        },
        {
          id: 'hotspot-edge',
          type: 'line',
          source: 'hotspots',
          paint: { 'line-color': '#e65100', 'line-width': ['case', ['==', ['get', 'in_gap'], 1], 2.5, 1] },
        },
      ];
    case 'line':
      return [
        {
          id: 'line',
          type: 'line',
          source: 'line',
          paint: { 'line-color': '#1a202c', 'line-width': 2.5 },
          layout: { 'line-join': 'round', 'line-cap': 'round' },
        },
      ];
    case 'aors':
      return [
        {
          id: 'presence-aor',
          type: 'line',
          source: 'presence',
          filter: ['==', ['get', 'kind'], 'unit_aor'],
          paint: { 'line-color': byOrg, 'line-width': 1.2, 'line-opacity': 0.8 },
        },
      ];
    case 'patrols':
      return [
        {
          id: 'presence-patrol',
          type: 'line',
          source: 'presence',
          filter: ['==', ['get', 'kind'], 'patrol'],
          paint: { 'line-color': byOrg, 'line-width': 2, 'line-dasharray': [2, 1] },
        },
      ];
    case 'checkpoints':
      return [
        {
          id: 'presence-checkpoint',
          type: 'circle',
          source: 'presence',
          filter: ['==', ['get', 'kind'], 'checkpoint'],
          paint: {
            'circle-color': byOrg,
            'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 2.5, 10, 6],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1,
          },
        },
      ];
    case 'sites':
      return [
        {
          id: 'site-area',
          type: 'fill',
          source: 'siteAreas',
          paint: { 'fill-color': '#00897b', 'fill-opacity': 0.18 },
        },
        {
          id: 'site-point',
          type: 'circle',
          source: 'sites',
          paint: {
            'circle-color': '#00897b',
            'circle-radius': 7,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 2,
          },
        },
      ];
    case 'corridors':
      return [
        {
          id: 'corridor-pinch',
          type: 'circle',
          source: 'corridors',
          paint: {
            'circle-color': '#ffffff',
            'circle-radius': 6,
            'circle-stroke-color': '#b71c1c',
            'circle-stroke-width': 3,
          },
        },
      ];
    case 'activities':
      return activityLayers(byOrg);
    case 'incidents':
      return [
        {
          id: 'incident-clusters',
          type: 'circle',
          source: 'incidents',
          filter: ['has', 'point_count'],
          paint: {
            'circle-color': '#37474f',
            'circle-opacity': 0.85,
            'circle-radius': ['step', ['get', 'point_count'], 12, 20, 16, 200, 21, 2000, 27],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
          },
        },
        {
          id: 'incident-points',
          type: 'circle',
          source: 'incidents',
          filter: ['!', ['has', 'point_count']],
          paint: {
            'circle-color': typeColourExpression() as never,
            'circle-radius': ['interpolate', ['linear'], ['get', 'casualties'], 0, 5, 5, 8, 20, 12, 100, 18],
            'circle-stroke-color': ['case', ['==', ['get', 'tearline'], 1], '#1a202c', '#ffffff'],
            'circle-stroke-width': ['case', ['==', ['get', 'tearline'], 1], 2, 1.2],
            'circle-opacity': ['case', ['==', ['get', 'tearline'], 1], 0.6, 0.95],
          },
        },
      ];
    case 'units':
      // Connected TAK units: a dot in their organisation's colour with a dark ring, above everything they may cover.
      return [
        {
          id: 'unit-points',
          type: 'circle',
          source: 'units',
          paint: {
            'circle-color': byOrg,
            'circle-radius': 6,
            'circle-stroke-color': '#1a202c',
            'circle-stroke-width': 2.5,
          },
        },
      ];
    case 'requests':
      return [
        {
          id: 'request-points',
          type: 'circle',
          source: 'requests',
          paint: {
            'circle-color': priorityColourExpression() as never,
            'circle-radius': ['case', ['==', ['get', 'open'], 1], 8, 5],
            'circle-opacity': ['case', ['==', ['get', 'open'], 1], 0.95, 0.45],
            'circle-stroke-color': ['case', ['==', ['get', 'overdue'], 1], '#1a202c', '#ffffff'],
            'circle-stroke-width': ['case', ['==', ['get', 'overdue'], 1], 3, 2],
          },
        },
      ];
  }
}

/** The translation key of a toggle's name in the layer panel. */
export function layerLabelKey(toggle: LayerToggle): string {
  return toggle === 'requests' ? 'requests.layer' : `layers.${toggle}`;
}

/** The pick marker of the report form sits above everything. */
export const pickLayer: Layer = {
  id: 'pick',
  type: 'circle',
  source: 'pick',
  paint: { 'circle-color': '#0b57d0', 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
};

/** The radius in pixels of a cluster of `count` incidents, as the `incident-clusters` layer draws it (keep the two in step). */
export function clusterRadius(count: number): number {
  return count < 20 ? 12 : count < 200 ? 16 : count < 2000 ? 21 : 27;
}

/** The layers that draw planned activities (a click on one opens it). */
export const activityLayerIds = ['activity-area', 'activity-route', 'activity-notice'] as const;

/** Planned activities, coloured by their first owner: areas (a point's radius, an outline) filled, routes as lines, notices as rings. */
function activityLayers(byOrg: never): Layer[] {
  const areal = ['==', ['geometry-type'], 'Polygon'] as never;
  return [
    {
      id: 'activity-area',
      type: 'fill',
      source: 'activities',
      filter: areal,
      paint: { 'fill-color': byOrg, 'fill-opacity': 0.18 },
    },
    {
      id: 'activity-edge',
      type: 'line',
      source: 'activities',
      filter: areal,
      paint: { 'line-color': byOrg, 'line-width': 1.5, 'line-dasharray': [3, 1.5] },
    },
    {
      id: 'activity-route',
      type: 'line',
      source: 'activities',
      filter: ['==', ['geometry-type'], 'LineString'] as never,
      paint: {
        'line-color': byOrg,
        'line-width': ['interpolate', ['linear'], ['zoom'], 6, 3, 12, 8],
        'line-opacity': 0.6,
      },
      layout: { 'line-join': 'round', 'line-cap': 'round' },
    },
    {
      id: 'activity-notice',
      type: 'circle',
      source: 'activities',
      filter: ['==', ['geometry-type'], 'Point'] as never,
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 7,
        'circle-stroke-color': '#4a5568',
        'circle-stroke-width': 2.5,
      },
    },
  ];
}

/** The area of the plan being drawn, above everything: its outline, and each point placed. */
export const planDraftLayers: Layer[] = [
  {
    id: 'plan-draft-fill',
    type: 'fill',
    source: 'planDraft',
    filter: ['==', ['geometry-type'], 'Polygon'] as never,
    paint: { 'fill-color': '#0b57d0', 'fill-opacity': 0.15 },
  },
  {
    id: 'plan-draft-line',
    type: 'line',
    source: 'planDraft',
    filter: ['!=', ['geometry-type'], 'Point'] as never,
    paint: { 'line-color': '#0b57d0', 'line-width': 2.5, 'line-dasharray': [2, 1] },
  },
  {
    id: 'plan-draft-points',
    type: 'circle',
    source: 'planDraft',
    filter: ['==', ['geometry-type'], 'Point'] as never,
    paint: {
      'circle-color': '#0b57d0',
      'circle-radius': 5,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
];
