import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The point picked so far, [lon, lat], or null. */
  pick: [number, number] | null;
  picking: boolean;
  onStartPick: () => void;
  onCancelPick: () => void;
  /** Prefix of the test ids (`<prefix>-pick`, `<prefix>-start-pick`). */
  testIdPrefix: string;
  /** What the notice says while the map waits for a click. */
  hint: string;
  /** Shown under the buttons (the form's field errors). */
  children?: ReactNode;
}

/** A point chosen by a click on the map: what is picked, and the button that starts or cancels picking. */
export function MapPick({ pick, picking, onStartPick, onCancelPick, testIdPrefix, hint, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="pick">
      <p data-testid={`${testIdPrefix}-pick`}>
        {pick ? (
          <bdi dir="ltr">
            {pick[1].toFixed(5)}, {pick[0].toFixed(5)}
          </bdi>
        ) : (
          t('report.noPick')
        )}
      </p>
      {picking ? (
        <button type="button" onClick={onCancelPick}>
          {t('report.cancelPick')}
        </button>
      ) : (
        <button type="button" onClick={onStartPick} data-testid={`${testIdPrefix}-start-pick`}>
          {t('report.startPick')}
        </button>
      )}
      {picking && (
        <p className="notice" role="status">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}
