import type { FeatureCollection } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Boundary, GapReport, Jcc, Line, PlaceFeature, PresenceRecord } from '../api/types.ts';
import { addSiteBasemap, baseStyle, loadCountries, loadSiteBasemap, type SiteBasemap } from './basemap.ts';
import { type Focus, focusMap } from './focus.ts';
import { ClusterLabels, renderedClusters } from './html-labels.ts';
import {
  boundaryFeatures,
  gapFeatures,
  incidentFeatures,
  jccFeatures,
  lineFeatures,
  type MapIncident,
  presenceFeatures,
} from './map-data.ts';
import {
  activityLayerIds,
  type LayerToggle,
  layersOf,
  pickLayer,
  planDraftLayers,
  type SourceId,
  sourceIds,
  toggleableLayers,
} from './map-layers.ts';
import { PlaceLabels } from './place-labels.ts';

export interface MapViewProps {
  lines: readonly Line[];
  jccs: readonly Jcc[];
  presence: readonly PresenceRecord[];
  boundaries: readonly Boundary[];
  places: readonly PlaceFeature[];
  incidents: readonly MapIncident[];
  gap: GapReport | null;
  visible: Record<LayerToggle, boolean>;
  visibleOrgs: readonly string[];
  orgColours: Record<string, string>;
  focus: Focus | null;
  picking: boolean;
  pick: [number, number] | null;
  onPick: (lon: number, lat: number) => void;
  onIncident: (id: string) => void;
  /** Called when a frame first shows the incidents handed to the map. */
  onIncidentsDrawn: (count: number) => void;
  /** Planned activities the reader may see, as map features. */
  activities?: FeatureCollection;
  /** The area of a plan being drawn, or null. */
  planDraft?: FeatureCollection | null;
  /** Called with an activity's id when it is clicked on the map (where the reader can open it). */
  onActivity?: (id: string) => void;
  /** The support requests the reader may see, as points (`requests/request-map.ts`), and what a click on one opens. */
  requests?: FeatureCollection;
  onRequest?: (id: string) => void;
  /** Connected TAK units the reader may see, as points (`live/live-units.ts`). */
  units?: FeatureCollection;
}

// MapLibre's worker is its own file: served from this server like every other asset. The workers start while
// the app signs in, and the country outlines are fetched meanwhile too (both once, shared by every map).
maplibregl.setWorkerUrl(workerUrl);
maplibregl.prewarm();
let countriesPromise: ReturnType<typeof loadCountries> | null = null;
const countriesOnce = () => {
  countriesPromise ??= loadCountries();
  return countriesPromise;
};

const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };
const presenceLayers: Record<string, string> = {
  'presence-checkpoint': 'checkpoint',
  'presence-patrol': 'patrol',
  'presence-aor': 'unit_aor',
};

/** The map of the common operating picture: an offline basemap and the picture's layers, each one switchable. */
export function MapView(props: MapViewProps) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [ready, setReady] = useState(false);
  // The basemap's outlines and labels are handed to the map once the incidents are on screen (or after 2 s).
  const [background, setBackground] = useState(false);
  // How many incidents the map's worker has just taken, until a frame shows them.
  const incidentsTaken = useRef<number | null>(null);
  const placeLabels = useRef<PlaceLabels | null>(null);
  const clusterLabels = useRef<ClusterLabels | null>(null);
  const language = useRef(i18n.language);
  language.current = i18n.language;
  const [countries, setCountries] = useState<Awaited<ReturnType<typeof loadCountries>>['features']>([]);
  // The site's vector basemap (null when it has none), asked for as the map is built and drawn with the background.
  const siteBasemap = useRef<Promise<SiteBasemap | null> | null>(null);

  // Built once: the map, its sources and layers; the effects below only change data and visibility.
  useEffect(() => {
    const el = container.current!;
    const map = new maplibregl.Map({
      container: el,
      style: baseStyle(),
      bounds: [41.5, 33.5, 46.5, 37.3],
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      dragRotate: false,
      pitchWithRotate: false,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.touchZoomRotate.disableRotation();
    const clusters = new ClusterLabels(map, language.current);
    clusterLabels.current = clusters;
    placeLabels.current = new PlaceLabels(map);
    countriesOnce().catch(() => {
      // Reported where the outlines are used.
    });
    // Without its basemap the map still has the outlines: a failure to describe it draws those alone.
    siteBasemap.current = loadSiteBasemap().catch(() => null);

    map.on('load', () => {
      markOnce('seam:map-loaded');
      for (const id of sourceIds) {
        map.addSource(
          id,
          id === 'incidents'
            ? {
                type: 'geojson',
                data: emptyCollection,
                cluster: true,
                clusterRadius: 50,
                clusterMaxZoom: 10,
              }
            : { type: 'geojson', data: emptyCollection },
        );
      }
      for (const toggle of toggleableLayers)
        for (const layer of layersOf(toggle, propsRef.current.orgColours)) map.addLayer(layer);
      map.addLayer(pickLayer);
      for (const layer of planDraftLayers) map.addLayer(layer);
      setReady(true);
      setTimeout(() => setBackground(true), 2000);
    });

    // The first frame drawn once the map's worker has taken the incidents set last and their tiles are loaded: the
    // incidents (clusters and points) are on screen.
    map.on('render', () => {
      const drawn = incidentsTaken.current;
      if (drawn === null || !map.isSourceLoaded('incidents')) return;
      incidentsTaken.current = null;
      el.dataset.incidentsRendered = String(drawn);
      if (drawn > 0) markOnce('seam:incidents-rendered');
      setBackground(true);
      propsRef.current.onIncidentsDrawn(drawn);
    });
    map.on('idle', () => {
      clusters.update();
      // What MapLibre drew, for anyone checking the labels against it (the browser tests do).
      el.dataset.clusters = JSON.stringify(
        renderedClusters(map).map((c) => {
          const p = map.project(c.at);
          return [Math.round(p.x), Math.round(p.y), c.count];
        }),
      );
    });
    // Names are placed once the map is at rest, when the clusters they keep clear of are drawn; the map says whether
    // they are placed for the view it shows (the browser tests wait for it).
    map.on('movestart', () => {
      el.dataset.labelsPlaced = 'false';
    });
    map.on('idle', () => {
      placeLabels.current?.refresh();
      el.dataset.labelsPlaced = 'true';
    });

    map.on('click', (e) => {
      if (propsRef.current.picking) {
        propsRef.current.onPick(round6(e.lngLat.lng), round6(e.lngLat.lat));
        return;
      }
      const request = map.queryRenderedFeatures(e.point, { layers: ['request-points'] })[0];
      if (request && typeof request.properties?.id === 'string') {
        propsRef.current.onRequest?.(request.properties.id);
        return;
      }
      const hit = map.queryRenderedFeatures(e.point, { layers: ['incident-points', 'incident-clusters'] })[0];
      if (!hit) {
        const onActivity = propsRef.current.onActivity;
        const activity = onActivity && map.queryRenderedFeatures(e.point, { layers: [...activityLayerIds] })[0];
        if (activity && typeof activity.properties?.id === 'string') onActivity(activity.properties.id);
        return;
      }
      const clusterId = hit.properties?.cluster_id;
      if (clusterId !== undefined) {
        const source = map.getSource('incidents') as maplibregl.GeoJSONSource;
        void source.getClusterExpansionZoom(clusterId).then((zoom) => {
          map.easeTo({ center: (hit.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
        });
      } else if (typeof hit.id === 'number') {
        const incident = propsRef.current.incidents[hit.id];
        if (incident) propsRef.current.onIncident(incident.id);
      }
    });
    for (const layer of ['incident-points', 'incident-clusters', 'request-points', ...activityLayerIds]) {
      map.on('mouseenter', layer, () => {
        if (!propsRef.current.picking) map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = propsRef.current.picking ? 'crosshair' : '';
      });
    }

    return () => {
      clusters.clear();
      clusterLabels.current = null;
      placeLabels.current?.clear();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // The incidents go to the map's worker first: the picture's own data before the background.
  useEffect(() => {
    if (!ready) return;
    const count = props.incidents.length;
    const source = mapRef.current?.getSource('incidents') as maplibregl.GeoJSONSource | undefined;
    let current = true;
    void source?.setData(incidentFeatures(props.incidents)).then(() => {
      if (count > 0) markOnce('seam:incidents-taken');
      if (!current) return;
      incidentsTaken.current = count;
      mapRef.current?.triggerRepaint();
    });
    if (count > 0) markOnce('seam:incidents-set');
    return () => {
      current = false;
    };
  }, [ready, props.incidents]);
  useEffect(() => {
    if (!ready) return;
    const { line, zone } = lineFeatures(props.lines);
    setSource(mapRef.current, 'line', line);
    setSource(mapRef.current, 'zone', zone);
  }, [ready, props.lines]);
  useEffect(() => {
    if (ready) setSource(mapRef.current, 'jccs', jccFeatures(props.jccs));
  }, [ready, props.jccs]);
  useEffect(() => {
    if (ready) setSource(mapRef.current, 'presence', presenceFeatures(props.presence));
  }, [ready, props.presence]);
  useEffect(() => {
    if (!ready) return;
    const requests = props.requests ?? emptyCollection;
    setSource(mapRef.current, 'requests', requests);
    container.current!.dataset.requests = String(requests.features.length);
  }, [ready, props.requests]);
  useEffect(() => {
    if (!background) return;
    setSource(mapRef.current, 'boundaries', boundaryFeatures(props.boundaries));
  }, [background, props.boundaries]);
  useEffect(() => {
    if (!background) return;
    let current = true;
    const outlines = countriesOnce()
      .then((c) => {
        if (!current) return;
        (mapRef.current?.getSource('countries') as maplibregl.GeoJSONSource | undefined)?.setData(c);
        setCountries(c.features);
      })
      .catch(() => {
        // Without country outlines the picture's own layers still show.
      });
    // The site's basemap goes over the outlines (which still show outside its extract) and under the picture.
    void Promise.all([siteBasemap.current, outlines]).then(([b]) => {
      const map = mapRef.current;
      if (!current || !map) return;
      if (b) addSiteBasemap(map, b);
      map.once('idle', () => {
        container.current!.dataset.basemap = b ? 'tiles' : 'outlines';
      });
      map.triggerRepaint();
    });
    return () => {
      current = false;
    };
  }, [background]);
  useEffect(() => {
    if (!background) return;
    const countryName = (name: string) => t(`countries.${name}`, { defaultValue: name });
    placeLabels.current?.show({
      countries,
      countryName,
      boundaries: props.boundaries,
      places: props.places,
      language: i18n.language,
      visible: props.visible.boundaries,
    });
  }, [background, countries, props.boundaries, props.places, i18n.language, props.visible.boundaries, t]);
  // Cluster counts are written in the language's digits: rewrite them when it changes, without waiting for a move.
  useEffect(() => {
    if (ready) clusterLabels.current?.setLanguage(i18n.language);
  }, [ready, i18n.language]);
  useEffect(() => {
    if (!ready) return;
    const f = gapFeatures(props.gap);
    setSource(mapRef.current, 'gaps', f.gaps);
    setSource(mapRef.current, 'corridors', f.corridors);
    setSource(mapRef.current, 'hotspots', f.hotspots);
    setSource(mapRef.current, 'sites', f.sites);
    setSource(mapRef.current, 'siteAreas', f.siteAreas);
  }, [ready, props.gap]);
  useEffect(() => {
    if (!ready) return;
    setSource(
      mapRef.current,
      'pick',
      props.pick
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: props.pick }, properties: {} }],
          }
        : emptyCollection,
    );
  }, [ready, props.pick]);

  useEffect(() => {
    if (ready) setSource(mapRef.current, 'activities', props.activities ?? emptyCollection);
  }, [ready, props.activities]);
  useEffect(() => {
    if (!ready) return;
    setSource(mapRef.current, 'units', props.units ?? emptyCollection);
    container.current!.dataset.units = String(props.units?.features.length ?? 0);
  }, [ready, props.units]);
  useEffect(() => {
    if (!ready) return;
    setSource(mapRef.current, 'planDraft', props.planDraft ?? emptyCollection);
    container.current!.dataset.planDraft = String(props.planDraft?.features.length ?? 0);
  }, [ready, props.planDraft]);

  // Visibility of each toggle, and which organisations' presence shows.
  const paintedColours = useRef<Record<string, string> | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const orgsChanged = paintedColours.current !== props.orgColours;
    paintedColours.current = props.orgColours;
    const shown: string[] = [];
    for (const toggle of toggleableLayers)
      for (const layer of layersOf(toggle, props.orgColours)) {
        // Colours by organisation are known once the organisations are loaded, which may be after the map is.
        if (orgsChanged)
          for (const [name, value] of Object.entries(layer.paint ?? {}))
            map.setPaintProperty(layer.id, name as never, value as never);
        map.setLayoutProperty(layer.id, 'visibility', props.visible[toggle] ? 'visible' : 'none');
        if (props.visible[toggle]) shown.push(layer.id);
      }
    for (const [layer, kind] of Object.entries(presenceLayers))
      map.setFilter(layer, [
        'all',
        ['==', ['get', 'kind'], kind],
        ['in', ['get', 'org'], ['literal', props.visibleOrgs]],
      ]);
    container.current!.dataset.layers = shown.join(',');
  }, [ready, props.visible, props.visibleOrgs, props.orgColours]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map && props.focus) focusMap(map, props.focus);
  }, [ready, props.focus]);

  useEffect(() => {
    const map = mapRef.current;
    if (map) map.getCanvas().style.cursor = props.picking ? 'crosshair' : '';
  }, [props.picking]);

  return (
    <section
      ref={container}
      className={props.picking ? 'map picking' : 'map'}
      data-testid="map"
      aria-label={t('map.label')}
    />
  );
}

/**
 * Marks the first time a page reaches a step of showing its incidents (map loaded, incidents handed to the map's
 * worker, taken by it, drawn), so the time to the first picture can be measured in the browser.
 */
function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

function setSource(map: maplibregl.Map | null, id: SourceId, data: FeatureCollection): void {
  (map?.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
