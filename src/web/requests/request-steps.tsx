import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestStep } from '../../domain/support-request-steps.ts';
import { apiErrorText } from '../admin/api-error-text.ts';
import { api } from '../api/client.ts';
import type { SupportRequest } from './request-types.ts';

/** What each step carries: its field in the API's body, or nothing. */
const stepField: Partial<Record<SupportRequestStep, 'reason' | 'question' | 'answer' | 'unit'>> = {
  decline: 'reason',
  needs_information: 'question',
  answer: 'answer',
  assign: 'unit',
  cancel: 'reason',
};
/** Steps whose text may be left empty. */
const optionalText: ReadonlySet<SupportRequestStep> = new Set(['cancel']);

interface Props {
  request: SupportRequest;
  steps: readonly SupportRequestStep[];
  onUpdated: (r: SupportRequest) => void;
}

/** The steps the reader may take on the request now; a step that carries text asks for it first. */
export function RequestSteps({ request, steps, onUpdated }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<SupportRequestStep | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (steps.length === 0) return null;

  async function take(step: SupportRequestStep, value: string) {
    const field = stepField[step];
    const body: Record<string, string> = {};
    if (field && value.trim()) body[field] = value.trim();
    setBusy(true);
    setError(null);
    try {
      const updated = await api<SupportRequest>(
        `/api/v1/requests/${encodeURIComponent(request.id)}/${step.replaceAll('_', '-')}`,
        { method: 'POST', body },
      );
      setOpen(null);
      setText('');
      onUpdated(updated);
    } catch (e) {
      setError(apiErrorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  function choose(step: SupportRequestStep) {
    setError(null);
    if (stepField[step]) {
      setOpen(step);
      setText('');
    } else void take(step, '');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!open) return;
    if (!optionalText.has(open) && !text.trim()) {
      setError(t(`requests.stepNeeds.${open}`));
      return;
    }
    void take(open, text);
  }

  return (
    <div className="request-steps" data-testid="request-steps">
      <div className="step-buttons">
        {steps.map((step) => (
          <button
            key={step}
            type="button"
            className={step === 'accept' || step === 'complete' ? 'primary' : ''}
            disabled={busy}
            aria-expanded={stepField[step] ? open === step : undefined}
            onClick={() => choose(step)}
            data-testid={`step-${step}`}
          >
            {t(`requests.steps.${step}`)}
          </button>
        ))}
      </div>
      {open && (
        <form className="step-form" onSubmit={submit} data-testid="step-form">
          <label htmlFor="step-text">{t(`requests.stepText.${open}`)}</label>
          <textarea
            id="step-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={1000}
            rows={2}
            data-testid="step-text"
          />
          <div className="step-buttons">
            <button type="submit" className="primary" disabled={busy} data-testid="step-confirm">
              {t(`requests.steps.${open}`)}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('requests.cancelStep')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error" data-testid="step-error">
          {error}
        </p>
      )}
    </div>
  );
}
