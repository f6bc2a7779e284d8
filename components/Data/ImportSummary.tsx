import type { ImportPlan } from '@/utils/messaging/views';
import { useT } from '../ui/i18n';

export interface ImportSummaryProps {
  plan: ImportPlan;
}

/** What importing a backup would change, and every problem found in it, before anything is written. */
export function ImportSummary({ plan }: ImportSummaryProps) {
  const t = useT();
  return (
    <div data-testid="import-plan">
      <p>{t('import_plan_intro')}</p>
      <ul class="bs-plain-list">
        <li>{t('import_plan_sources', { n: plan.sources })}</li>
        <li>{t('import_plan_packs', { n: plan.packs })}</li>
        <li>{t('import_plan_settings', { n: plan.settings })}</li>
        <li>{t('import_plan_suppressions', { n: plan.suppressions })}</li>
      </ul>
      {plan.warnings.length > 0 && (
        <>
          <p class="bs-warn">{t('import_plan_warnings', { n: plan.warnings.length })}</p>
          <ul class="bs-plain-list bs-warn" data-testid="import-warnings">
            {plan.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
