import './plan.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Organisation } from '../api/types.ts';
import { ActivityList } from './activity-list.tsx';
import type { ActivityRecord, SeenActivity } from './activity-types.ts';
import type { AreaDraft } from './plan-area.ts';
import type { PlanDrawing } from './plan-area-fields.tsx';
import { PlanForm } from './plan-form.tsx';

type View = 'new' | 'list';

interface Props {
  me: Me;
  orgs: readonly Organisation[];
  activities: { items: SeenActivity[]; loading: boolean; error: string | null };
  onChanged: (a: SeenActivity) => void;
  onShow: (a: SeenActivity) => void;
  points: Array<[number, number]>;
  onPoints: (p: Array<[number, number]>) => void;
  drawing: PlanDrawing;
  onDrawing: (d: PlanDrawing) => void;
  onDraft: (a: AreaDraft | null, checked: ActivityRecord['area'] | null) => void;
  /** An activity to open in the list (clicked on the map); a new object each time. */
  opened: { id: string } | null;
}

/** The planning tab: a new plan (checked for conflicts before it is sent), and the activities to follow and answer. */
export function PlanPanel(props: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('new');
  const [sent, setSent] = useState<string | null>(null);
  const opened = props.opened;
  useEffect(() => {
    if (opened) setView('list');
  }, [opened]);
  const choose = (v: View) => {
    if (v === 'new') setSent(null);
    if (v === 'list') {
      props.onDrawing(null);
      props.onDraft(null, null);
    }
    setView(v);
  };
  return (
    <div className="plan-panel" data-testid="plan-panel">
      <div className="segmented" role="radiogroup" aria-label={t('tabs.plan')}>
        {(['new', 'list'] as const).map((v) => (
          <label key={v} className={view === v ? 'active' : ''}>
            <input
              type="radio"
              name="plan-view"
              value={v}
              checked={view === v}
              onChange={() => choose(v)}
              data-testid={`plan-view-${v}`}
            />
            {t(`plan.views.${v}`)}
          </label>
        ))}
      </div>
      {sent && (
        <p className="success" role="status" data-testid="plan-sent" data-id={sent}>
          {t('plan.sent')}
        </p>
      )}
      {view === 'new' ? (
        <PlanForm
          me={props.me}
          orgs={props.orgs}
          points={props.points}
          onPoints={props.onPoints}
          drawing={props.drawing}
          onDrawing={props.onDrawing}
          onDraft={props.onDraft}
          onSent={(id) => {
            setSent(id);
            choose('list');
          }}
        />
      ) : (
        <ActivityList
          me={props.me}
          activities={props.activities.items}
          loading={props.activities.loading}
          error={props.activities.error}
          onChanged={props.onChanged}
          onShow={props.onShow}
          focusId={opened?.id ?? null}
          focusRequest={opened}
        />
      )}
    </div>
  );
}
