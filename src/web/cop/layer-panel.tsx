import { useTranslation } from 'react-i18next';
import type { Organisation } from '../api/types.ts';
import { eventTypesOf } from '../incidents/incident-labels.ts';
import { eventTypeColours } from '../map/colours.ts';
import { type LayerToggle, layerLabelKey, toggleableLayers } from '../map/map-layers.ts';
import { useNames } from '../reference/names.tsx';
import { RequestLegend } from '../requests/request-legend.tsx';

interface Props {
  visible: Record<LayerToggle, boolean>;
  onToggle: (l: LayerToggle) => void;
  orgs: readonly Organisation[];
  orgColours: Record<string, string>;
  hiddenOrgs: readonly string[];
  onToggleOrg: (org: string) => void;
}

/** Switches each map layer and each organisation's presence on and off, with the legend. */
export function LayerPanel({ visible, onToggle, orgs, orgColours, hiddenOrgs, onToggleOrg }: Props) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <div className="layer-panel" data-testid="layer-panel">
      <fieldset>
        <legend>{t('layers.title')}</legend>
        {[...toggleableLayers].reverse().map((l) => (
          <label key={l} className="check">
            <input type="checkbox" checked={visible[l]} onChange={() => onToggle(l)} data-testid={`layer-${l}`} />
            {t(layerLabelKey(l))}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('layers.presenceBy')}</legend>
        {orgs.map((o) => (
          <label key={o.code} className="check">
            <input
              type="checkbox"
              checked={!hiddenOrgs.includes(o.code)}
              onChange={() => onToggleOrg(o.code)}
              data-testid={`org-${o.code}`}
            />
            <span className="swatch" style={{ background: orgColours[o.code] }} aria-hidden="true" />
            {names.org(o.code)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('layers.legend')}</legend>
        <ul className="legend">
          {eventTypesOf().map((g) => (
            <li key={g}>
              <span className="swatch round" style={{ background: eventTypeColours[g] }} aria-hidden="true" />
              {t(`eventTypes.${g}`)}
            </li>
          ))}
          <li>
            <span className="swatch round tearline" aria-hidden="true" />
            {t('layers.tearlineLegend')}
          </li>
        </ul>
        <RequestLegend />
      </fieldset>
    </div>
  );
}
