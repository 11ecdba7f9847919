import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../domain/roles.ts';
import { AdminPanel } from '../admin/admin-panel.tsx';
import { AlertsMenu } from '../alerts/alerts-menu.tsx';
import type { GapReport, Me } from '../api/types.ts';
import { GapPanel } from '../gaps/gap-panel.tsx';
import { useGapReport } from '../gaps/use-gap-report.ts';
import { IncidentDetail } from '../incidents/incident-detail.tsx';
import { IncidentForm } from '../incidents/incident-form.tsx';
import { IncidentList } from '../incidents/incident-list.tsx';
import { type LiveBatch, latestRecords, useLiveIncidents } from '../live/live-stream.ts';
import { unitFeatures, useLiveUnits } from '../live/live-units.ts';
import { orgColours as coloursOf } from '../map/colours.ts';
import { boundsOf, type Focus } from '../map/focus.ts';
import { type LayerToggle, toggleableLayers } from '../map/map-layers.ts';
import { MapView } from '../map/map-view.tsx';
import { activityFeatures, checkedFeatures } from '../plan/activity-features.ts';
import { type ActivityRecord, isNotice, type SeenActivity } from '../plan/activity-types.ts';
import { type AreaDraft, draftFeatures } from '../plan/plan-area.ts';
import type { PlanDrawing } from '../plan/plan-area-fields.tsx';
import { PlanPanel } from '../plan/plan-panel.tsx';
import { useActivities } from '../plan/use-activities.ts';
import { NamesProvider } from '../reference/names.tsx';
import { requestFeatures } from '../requests/request-map.ts';
import { RequestsPanel, type RequestsView } from '../requests/requests-panel.tsx';
import { useLiveCoordination } from '../requests/use-live-coordination.ts';
import { useNow } from '../requests/use-now.ts';
import { Header } from './header.tsx';
import { LayerPanel } from './layer-panel.tsx';
import { initialWindow, type TimeWindow } from './time-window.ts';
import { TimeWindowControl } from './time-window-control.tsx';
import { mapIncidentOf, useIncidentPoints, useReference } from './use-picture.ts';

type Tab = 'layers' | 'incidents' | 'report' | 'requests' | 'gaps' | 'admin' | 'plan';
const userTabs: Tab[] = ['incidents', 'report', 'requests', 'gaps', 'layers'];

const gapLayers: LayerToggle[] = ['gaps', 'corridors', 'hotspots', 'sites'];

/** The common operating picture: the map, the time window, and panels for incidents, reporting, gaps and layers. */
export function CopPage({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(() => initialWindow(location.search));
  const [tab, setTab] = useState<Tab>('incidents');
  const tabs: Tab[] = me.roles.includes('admin') ? [...userTabs, 'admin' as const] : [...userTabs];
  // Liaison officers and administrators plan activities and answer notifications.
  if (hasPermission(me.roles, 'activity:plan')) tabs.splice(2, 0, 'plan');
  const [visible, setVisible] = useState<Record<LayerToggle, boolean>>(
    () => Object.fromEntries(toggleableLayers.map((l) => [l, true])) as Record<LayerToggle, boolean>,
  );
  const [hiddenOrgs, setHiddenOrgs] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [picking, setPicking] = useState(false);
  const [pick, setPick] = useState<[number, number] | null>(null);
  const [live, setLive] = useState<LiveBatch | null>(null);
  const [connected, setConnected] = useState(true);
  const [planPoints, setPlanPoints] = useState<Array<[number, number]>>([]);
  const [planDrawing, setPlanDrawing] = useState<PlanDrawing>(null);
  const [planDraft, setPlanDraft] = useState<FeatureCollection | null>(null);
  const activities = useActivities();
  // Clicks on the map go back to their usual meaning once the planning tab is left.
  useEffect(() => {
    if (tab !== 'plan') setPlanDrawing(null);
  }, [tab]);
  const activityLayer = useMemo(() => activityFeatures(activities.items), [activities.items]);
  const units = useLiveUnits(visible.units);
  const unitLayer = useMemo(() => unitFeatures(units), [units]);
  const [requestView, setRequestView] = useState<RequestsView>({ kind: 'board' });

  const { reference, error: referenceError } = useReference();
  const points = useIncidentPoints(timeWindow);
  // The live stream picks up where the first point set was read: nothing in between is missed.
  const streamFrom = points.streamFrom;
  // The map's gap layers are asked for once its incidents are drawn: the first picture is not kept waiting.
  const [incidentsDrawn, setIncidentsDrawn] = useState(false);
  const onIncidentsDrawn = useCallback((count: number) => {
    if (count > 0) setIncidentsDrawn(true);
  }, []);
  const pictureDrawn = incidentsDrawn || (!points.loading && points.incidents.length === 0);
  const gapPanel = tab === 'gaps';
  const gapWanted = gapPanel || (pictureDrawn && gapLayers.some((l) => visible[l]));
  const gap = useGapReport(timeWindow, {
    wanted: gapWanted && streamFrom !== null && !points.loading,
    hotspots: gapPanel || visible.hotspots,
    sites: gapPanel || visible.sites,
  });

  const { requests, alerts } = useLiveCoordination(streamFrom);
  // The clock moves the overdue ring on the map too, not only on the board.
  const now = useNow(60_000);
  const requestPoints = useMemo(() => requestFeatures(requests.byId.values(), now), [requests.byId, now]);
  const openRequest = useCallback((id: string) => {
    setRequestView({ kind: 'detail', id });
    setTab('requests');
  }, []);

  const upsertPoint = points.upsert;
  useLiveIncidents(
    streamFrom,
    useCallback(
      (b: LiveBatch) => {
        upsertPoint(latestRecords(b).map(mapIncidentOf));
        setLive(b);
      },
      [upsertPoint],
    ),
    setConnected,
  );

  const orgCodes = useMemo(() => reference.orgs.map((o) => o.code), [reference.orgs]);
  const orgColours = useMemo(() => coloursOf(orgCodes), [orgCodes]);
  const visibleOrgs = useMemo(() => orgCodes.filter((o) => !hiddenOrgs.includes(o)), [orgCodes, hiddenOrgs]);

  const openIncident = useCallback((id: string) => {
    setSelected(id);
    setTab('incidents');
  }, []);
  const onPick = useCallback(
    (lon: number, lat: number) => {
      if (planDrawing === 'one') {
        setPlanPoints([[lon, lat]]);
        setPlanDrawing(null);
      } else if (planDrawing === 'many') setPlanPoints((p) => [...p, [lon, lat]]);
      else {
        setPick([lon, lat]);
        setPicking(false);
      }
    },
    [planDrawing],
  );
  const onPlanDraft = useCallback((a: AreaDraft | null, checked: ActivityRecord['area'] | null) => {
    setPlanDraft(checked ? checkedFeatures(checked) : a ? draftFeatures(a) : null);
    // The checked area is shown where the map can be seen whole beside its conflicts.
    if (checked) setFocus({ kind: 'bounds', bounds: boundsOf(checked.geometry) });
  }, []);
  const canPlan = hasPermission(me.roles, 'activity:plan');
  const [openedActivity, setOpenedActivity] = useState<{ id: string } | null>(null);
  const openActivity = useCallback((id: string) => {
    setOpenedActivity({ id });
    setTab('plan');
  }, []);
  const showActivity = useCallback((a: SeenActivity) => {
    if (!isNotice(a)) setFocus({ kind: 'bounds', bounds: boundsOf(a.area.geometry) });
    else if (a.lon !== null && a.lat !== null) setFocus({ kind: 'point', lon: a.lon, lat: a.lat });
  }, []);
  const showOnMap = useCallback((f: Focus) => setFocus({ ...f }), []);

  const gapReport: GapReport | null = gap.report;
  const error = referenceError ?? points.error;

  return (
    <NamesProvider orgs={reference.orgs} jccs={reference.jccs} boundaries={reference.boundaries}>
      <div className="cop">
        <Header
          me={me}
          onSignOut={onSignOut}
          connected={connected}
          alerts={
            <AlertsMenu alerts={alerts} onOpen={(a) => a.subject.type === 'incident' && openIncident(a.subject.id)} />
          }
        />
        <div className="cop-body">
          <aside className="sidebar" aria-label={t('sidebar.label')}>
            <TimeWindowControl value={timeWindow} onChange={setTimeWindow} />
            <div className="tabs" role="tablist" aria-label={t('sidebar.label')}>
              {tabs.map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={tab === id}
                  aria-controls={`panel-${id}`}
                  data-testid={`tab-${id}`}
                  className={tab === id ? 'tab active' : 'tab'}
                  onClick={() => setTab(id)}
                >
                  {id === 'requests' ? t('requests.tab') : t(`tabs.${id}`)}
                </button>
              ))}
            </div>
            {error && (
              <p role="alert" className="error">
                {t('common.error', { message: error })}
              </p>
            )}
            {points.truncated && (
              <p className="notice">
                {t('map.truncated', { n: points.incidents.length.toLocaleString(document.documentElement.lang) })}
              </p>
            )}
            <section className="panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === 'incidents' &&
                (selected ? (
                  <IncidentDetail
                    id={selected}
                    me={me}
                    onBack={() => setSelected(null)}
                    onShow={showOnMap}
                    live={live}
                  />
                ) : (
                  <IncidentList
                    window={timeWindow}
                    jccs={reference.jccs}
                    onOpen={openIncident}
                    onShow={showOnMap}
                    live={live}
                  />
                ))}
              {tab === 'report' && (
                <IncidentForm
                  me={me}
                  picking={picking}
                  pick={pick}
                  onStartPick={() => setPicking(true)}
                  onCancelPick={() => setPicking(false)}
                  onClearPick={() => setPick(null)}
                  onReported={openIncident}
                />
              )}
              {tab === 'gaps' && (
                <GapPanel
                  window={timeWindow}
                  report={gapReport}
                  loading={gap.loading}
                  error={gap.error}
                  onShow={showOnMap}
                />
              )}
              {tab === 'requests' && (
                <RequestsPanel
                  me={me}
                  orgs={reference.orgs}
                  jccs={reference.jccs}
                  requests={requests}
                  view={requestView}
                  onView={setRequestView}
                  picking={picking}
                  pick={pick}
                  onStartPick={() => setPicking(true)}
                  onCancelPick={() => setPicking(false)}
                  onClearPick={() => setPick(null)}
                  onShow={showOnMap}
                  onIncident={openIncident}
                />
              )}
              {tab === 'admin' && me.roles.includes('admin') && <AdminPanel me={me} />}
              {tab === 'plan' && (
                <PlanPanel
                  me={me}
                  orgs={reference.orgs}
                  activities={activities}
                  onChanged={(a) => activities.upsert([a])}
                  onShow={showActivity}
                  points={planPoints}
                  onPoints={setPlanPoints}
                  drawing={planDrawing}
                  onDrawing={setPlanDrawing}
                  onDraft={onPlanDraft}
                  opened={openedActivity}
                />
              )}
              {tab === 'layers' && (
                <LayerPanel
                  visible={visible}
                  onToggle={(l) => setVisible((v) => ({ ...v, [l]: !v[l] }))}
                  orgs={reference.orgs}
                  orgColours={orgColours}
                  hiddenOrgs={hiddenOrgs}
                  onToggleOrg={(o) => setHiddenOrgs((h) => (h.includes(o) ? h.filter((x) => x !== o) : [...h, o]))}
                />
              )}
            </section>
          </aside>
          <MapView
            lines={reference.lines}
            jccs={reference.jccs}
            presence={reference.presence}
            boundaries={reference.boundaries}
            places={reference.places}
            incidents={points.incidents}
            gap={gapWanted ? gapReport : null}
            visible={visible}
            visibleOrgs={visibleOrgs}
            orgColours={orgColours}
            focus={focus}
            picking={picking || planDrawing !== null}
            pick={tab === 'report' || tab === 'requests' ? pick : null}
            onPick={onPick}
            onIncident={openIncident}
            onIncidentsDrawn={onIncidentsDrawn}
            activities={activityLayer}
            onActivity={canPlan ? openActivity : undefined}
            planDraft={tab === 'plan' ? planDraft : null}
            requests={requestPoints}
            onRequest={openRequest}
            units={unitLayer}
          />
        </div>
      </div>
    </NamesProvider>
  );
}
