import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { supportRequestKinds, supportRequestPriorities } from '../../domain/support-request.ts';
import { requesterRoles } from '../../domain/support-request-steps.ts';
import { ApiError, api } from '../api/client.ts';
import type { Jcc, Me, Organisation, Page, SharingGroup } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../cop/time-window.ts';
import { DateTimeField } from '../incidents/date-time-field.tsx';
import { MgrsField } from '../incidents/mgrs-field.tsx';
import { describedBy, FieldError, type ReportProblems } from '../incidents/report-field-error.tsx';
import { MapPick } from '../map/map-pick.tsx';
import { JccOptions, useNames } from '../reference/names.tsx';
import { emptyMedevac, MedevacFields, type MedevacValue } from './medevac-fields.tsx';
import type { SupportRequest } from './request-types.ts';

type LocationMode = 'map' | 'mgrs' | 'lonlat';

interface Props {
  me: Me;
  orgs: readonly Organisation[];
  jccs: readonly Jcc[];
  picking: boolean;
  pick: [number, number] | null;
  onStartPick: () => void;
  onCancelPick: () => void;
  onClearPick: () => void;
  onCreated: (r: SupportRequest) => void;
  onBack: () => void;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Asks another organisation, or a JCC, for support: what, from whom, how urgent, where, when, and who may read it. */
export function RequestForm(props: Props) {
  const { me, orgs, jccs, picking, pick } = props;
  const { t } = useTranslation();
  const names = useNames();
  const [kind, setKind] = useState('');
  const [to, setTo] = useState('');
  const [priority, setPriority] = useState('priority');
  const [mode, setMode] = useState<LocationMode>('map');
  const [mgrs, setMgrs] = useState('');
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [neededAt, setNeededAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [details, setDetails] = useState('');
  const [medevac, setMedevac] = useState<MedevacValue>(emptyMedevac);
  const [linked, setLinked] = useState('');
  const [releasability, setReleasability] = useState('org');
  const [groups, setGroups] = useState<SharingGroup[]>([]);
  const [problems, setProblems] = useState<ReportProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Page<SharingGroup>>('/api/v1/sharing-groups')
      .then((p) => setGroups(p.items.filter((g) => g.members.includes(me.org))))
      .catch(() => setGroups([]));
  }, [me.org]);

  if (!me.roles.some((r) => requesterRoles.includes(r))) return <p className="muted">{t('requests.notAllowed')}</p>;

  function check(): ReportProblems {
    const p: ReportProblems = {};
    if (!kind) p.kind = t('requests.needKind');
    if (!to) p.addressed_org = t('requests.needAddressee');
    if (!fromLocalInput(neededAt)) p.needed_at = t('requests.needTime');
    if (mode === 'map' && !pick) p.lon = t('requests.needPick');
    if (mode === 'mgrs' && !/^\s*\d{1,2}\s*[C-HJ-NP-X]\s*[A-HJ-NP-Z]{2}\s*(\d+\s*\d*)?\s*$/i.test(mgrs))
      p.mgrs = t('report.badMgrs');
    if (mode === 'lonlat') {
      const x = Number(lon);
      const y = Number(lat);
      if (lon.trim() === '' || !Number.isFinite(x) || x < -180 || x > 180) p.lon = t('requests.badLon');
      if (lat.trim() === '' || !Number.isFinite(y) || y < -90 || y > 90) p.lat = t('requests.badLat');
    }
    if (linked.trim() && !uuid.test(linked.trim())) p.linked_incident = t('requests.badIncident');
    return p;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const p = check();
    setProblems(p);
    if (Object.keys(p).length) return;
    const [toKind, toCode] = to.split(':');
    const body: Record<string, unknown> = {
      kind,
      ...(toKind === 'org' ? { addressed_org: toCode } : { addressed_jcc: toCode }),
      priority,
      ...(mode === 'map' && pick ? { lon: pick[0], lat: pick[1] } : {}),
      ...(mode === 'mgrs' ? { mgrs: mgrs.replace(/\s+/g, '').toUpperCase() } : {}),
      ...(mode === 'lonlat' ? { lon: Number(lon), lat: Number(lat) } : {}),
      needed_at: fromLocalInput(neededAt),
      details: details.trim(),
      ...(kind === 'medevac' ? { medevac } : {}),
      linked_incident: linked.trim() || null,
      releasability,
    };
    setBusy(true);
    try {
      const created = await api<SupportRequest>('/api/v1/requests', { method: 'POST', body });
      props.onClearPick();
      props.onCreated(created);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        const byField: ReportProblems = {};
        for (const i of err.issues) {
          const path = i.field.replace(/^body[./]/, '').split(/[./]/);
          byField[path[0]] = path.length > 1 ? `${path.slice(1).join('.')}: ${i.reason}` : i.reason;
        }
        setProblems(byField);
      } else setError(String(err));
    } finally {
      setBusy(false);
    }
  }

  const select = (
    id: string,
    value: string,
    on: (v: string) => void,
    field: string,
    options: Array<[string, string]>,
  ) => (
    <select
      id={id}
      value={value}
      onChange={(e) => on(e.target.value)}
      aria-invalid={!!problems[field]}
      aria-describedby={describedBy(problems, field)}
      data-testid={id}
    >
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );

  return (
    <form className="report-form request-form" onSubmit={submit} noValidate data-testid="request-form">
      <button type="button" className="link" onClick={props.onBack}>
        {t('requests.back')}
      </button>
      <h2>{t('requests.newTitle')}</h2>
      <label htmlFor="request-kind">{t('requests.kind')}</label>
      {select('request-kind', kind, setKind, 'kind', [
        ['', t('requests.chooseKind')],
        ...supportRequestKinds.map((k): [string, string] => [k, t(`requests.kinds.${k}`)]),
      ])}
      <FieldError problems={problems} name="kind" />

      <label htmlFor="request-to">{t('requests.to')}</label>
      <select
        id="request-to"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        aria-invalid={!!problems.addressed_org}
        aria-describedby={describedBy(problems, 'addressed_org')}
        data-testid="request-to"
      >
        <option value="">{t('requests.chooseAddressee')}</option>
        <optgroup label={t('requests.organisations')}>
          {orgs
            .filter((o) => o.code !== me.org)
            .map((o) => (
              <option key={o.code} value={`org:${o.code}`}>
                {names.org(o.code)}
              </option>
            ))}
        </optgroup>
        <optgroup label={t('requests.centres')}>
          <JccOptions jccs={jccs} valuePrefix="jcc:" />
        </optgroup>
      </select>
      <FieldError problems={problems} name="addressed_org" />
      <FieldError problems={problems} name="addressed_jcc" />

      <label htmlFor="request-priority">{t('requests.priority')}</label>
      {select(
        'request-priority',
        priority,
        setPriority,
        'priority',
        supportRequestPriorities.map((p): [string, string] => [p, t(`requests.priorities.${p}`)]),
      )}

      <fieldset className="location">
        <legend>{t('requests.location')}</legend>
        <div className="segmented" role="radiogroup" aria-label={t('requests.location')}>
          {(['map', 'mgrs', 'lonlat'] as const).map((m) => (
            <label key={m} className={mode === m ? 'active' : ''}>
              <input
                type="radio"
                name="request-location-mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                data-testid={`request-location-${m}`}
              />
              {m === 'mgrs' ? t('report.by.mgrs') : t(`requests.by.${m}`)}
            </label>
          ))}
        </div>
        {mode === 'map' && (
          <MapPick
            pick={pick}
            picking={picking}
            onStartPick={props.onStartPick}
            onCancelPick={props.onCancelPick}
            testIdPrefix="request"
            hint={t('requests.pickHint')}
          />
        )}
        {mode === 'mgrs' && (
          <MgrsField id="request-mgrs" value={mgrs} onChange={setMgrs} problems={problems} testId="request-mgrs" />
        )}
        {mode === 'lonlat' && (
          <div className="lonlat">
            <label htmlFor="request-lat">{t('requests.lat')}</label>
            <input
              id="request-lat"
              value={lat}
              onChange={(e) => setLat(e.target.value)}
              inputMode="decimal"
              dir="ltr"
              aria-invalid={!!problems.lat}
              aria-describedby={describedBy(problems, 'lat')}
            />
            <FieldError problems={problems} name="lat" />
            <label htmlFor="request-lon">{t('requests.lon')}</label>
            <input
              id="request-lon"
              value={lon}
              onChange={(e) => setLon(e.target.value)}
              inputMode="decimal"
              dir="ltr"
              aria-invalid={!!problems.lon}
              aria-describedby={describedBy(problems, 'lon')}
            />
          </div>
        )}
        <FieldError problems={problems} name="lon" />
      </fieldset>

      <label htmlFor="request-needed">{t('requests.neededAtLabel')}</label>
      <DateTimeField
        id="request-needed"
        value={neededAt}
        onChange={setNeededAt}
        invalid={!!problems.needed_at}
        describedBy={describedBy(problems, 'needed_at')}
      />
      <FieldError problems={problems} name="needed_at" />

      {kind === 'medevac' && <MedevacFields value={medevac} onChange={setMedevac} problems={problems} />}

      <label htmlFor="request-details">{t('requests.details')}</label>
      <textarea
        id="request-details"
        value={details}
        onChange={(e) => setDetails(e.target.value)}
        maxLength={4000}
        rows={3}
      />
      <FieldError problems={problems} name="details" />

      <label htmlFor="request-linked">{t('requests.linkedIncidentOptional')}</label>
      <input
        id="request-linked"
        value={linked}
        onChange={(e) => setLinked(e.target.value)}
        maxLength={36}
        dir="ltr"
        placeholder="00000000-0000-0000-0000-000000000000"
        aria-invalid={!!problems.linked_incident}
        aria-describedby={describedBy(problems, 'linked_incident')}
      />
      <FieldError problems={problems} name="linked_incident" />

      <label htmlFor="request-releasability">{t('requests.releasability')}</label>
      {select('request-releasability', releasability, setReleasability, 'releasability', [
        ['org', t('requests.releaseOrgs')],
        ['partners', t('releasability.partners')],
        ['coalition', t('releasability.coalition')],
        ...groups.map((g): [string, string] => [`group:${g.name}`, t('releasability.group', { name: g.name })]),
      ])}
      <FieldError problems={problems} name="releasability" />

      {error && (
        <p role="alert" className="error" data-testid="request-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="request-submit">
        {busy ? t('report.sending') : t('requests.submit')}
      </button>
    </form>
  );
}
