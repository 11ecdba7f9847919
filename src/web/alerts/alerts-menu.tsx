import '../requests/requests.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { Alert } from '../requests/request-types.ts';
import { alertLine } from './alert-text.ts';
import type { AlertsState } from './use-alerts.ts';

interface Props {
  alerts: AlertsState;
  /** Opens the record an alert is about (an incident: its detail). */
  onOpen: (a: Alert) => void;
}

/** The header's alerts: the unread count, and a list of the reader's alerts to open, mark read, and hear. */
export function AlertsMenu({ alerts, onOpen }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // A click outside, or Escape, closes the list.
  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onClick);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onClick);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const unread = alerts.unread;
  const countText = `${fmt.number(unread)}${alerts.capped ? '+' : ''}`;
  return (
    <div className="alerts-menu" ref={box}>
      <button
        type="button"
        className="alerts-button"
        aria-expanded={open}
        aria-controls="alerts-list"
        aria-label={t('alerts.buttonLabel', { count: countText })}
        onClick={() => setOpen((o) => !o)}
        data-testid="alerts-button"
      >
        {t('alerts.title')}
        {unread > 0 && (
          <span className="badge" data-testid="alerts-count" data-count={unread}>
            {countText}
          </span>
        )}
      </button>
      {open && (
        <div className="alerts-dropdown" id="alerts-list" data-testid="alerts-list">
          <div className="alerts-head">
            <strong>{t('alerts.title')}</strong>
            <button
              type="button"
              className="link"
              onClick={() => void alerts.markAllRead()}
              disabled={unread === 0}
              data-testid="alerts-read-all"
            >
              {t('alerts.markAllRead')}
            </button>
          </div>
          <label className="check sound">
            <input
              type="checkbox"
              checked={alerts.sound}
              onChange={(e) => alerts.setSound(e.target.checked)}
              data-testid="alerts-sound"
            />
            {t('alerts.sound')}
          </label>
          {alerts.error && (
            <p role="alert" className="error">
              {t('common.error', { message: alerts.error })}
            </p>
          )}
          {alerts.items.length === 0 ? (
            <p className="muted">{t('alerts.none')}</p>
          ) : (
            <ul>
              {alerts.items.map((a) => (
                <li
                  key={a.id}
                  className={a.read ? 'alert-item read' : 'alert-item unread'}
                  data-testid="alert-item"
                  data-id={a.id}
                  data-read={a.read ? 'true' : 'false'}
                >
                  <p className="alert-text">
                    <bdi>{alertLine(t, fmt, a)}</bdi>
                  </p>
                  <p className="alert-meta">
                    <time dateTime={a.created_at}>{fmt.dateTime(a.created_at)}</time>
                    {a.subject.view === 'tearline' && <> · {t('alerts.tearline')}</>}
                  </p>
                  <div className="alert-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setOpen(false);
                        if (!a.read) void alerts.markRead(a.id);
                        onOpen(a);
                      }}
                      data-testid="alert-open"
                    >
                      {t(`alerts.open.${a.subject.type}`, { defaultValue: t('alerts.open.record') })}
                    </button>
                    {!a.read && (
                      <button
                        type="button"
                        className="link"
                        onClick={() => void alerts.markRead(a.id)}
                        data-testid="alert-mark-read"
                      >
                        {t('alerts.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
