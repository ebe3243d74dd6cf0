// New-customer asset audit (seed 002): CPA, recovered and unrecovered acquisition cost by
// acquisition period and channel — facts only, shown from the report's asset_audit section.
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, NotComputed, PageHeader } from '../components/ui';
import { FindingList, NoCheckup, isNoCheckup } from '../components/report-parts';
import { GenericSection } from '../components/GenericSection';
import { useReport } from '../state/data';

export function AuditPage() {
  const { t } = useI18n();
  const { data: r, error, reload } = useReport();
  if (isNoCheckup(error))
    return (
      <>
        <PageHeader title={t('page_audit')} />
        <NoCheckup />
      </>
    );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!r) return <Loading />;
  return (
    <>
      <PageHeader title={t('page_audit')} lead={`${t('as_of')} ${r.as_of}`} />
      <Card>
        {r.asset_audit ? (
          <GenericSection data={r.asset_audit as never} />
        ) : (
          <NotComputed what={t('page_audit')} />
        )}
      </Card>
      <Card title={t('open_findings')}>
        <FindingList findings={r.findings.filter((f) => f.id.startsWith('audit.'))} />
      </Card>
    </>
  );
}
