// The one shell of every page that shows a stored report: its title, then the page's body once
// the report is there — or the state it is in instead: loading, an error in the user's words, no
// checkup stored yet (with the run button), or the page's section not computed in this report
// (a report of an earlier version holds null there).
import type { ReactNode } from 'react';
import type { Loaded } from '../state/data';
import { Card, ErrorBox, Loading, NotComputed, PageHeader } from './ui';
import { NoCheckup, isNoCheckup } from './report-parts';

export interface ReportPageProps<T, S> {
  title: string;
  loaded: Loaded<T>;
  /** The section the page is about; null or undefined in the report: "not computed". */
  section?: (data: T) => S | null | undefined;
  lead?: (data: T) => ReactNode;
  right?: ReactNode;
  children: (data: T, section: S) => ReactNode;
}

/** Returns the page for a loaded report (or the state it is in). */
export function ReportPage<T, S = T>(p: ReportPageProps<T, S>) {
  const { data, error, reload } = p.loaded;
  const section = data === null ? null : p.section ? p.section(data) : (data as unknown as S);
  const head = (lead?: ReactNode) => <PageHeader title={p.title} lead={lead} right={p.right} />;
  if (error && isNoCheckup(error))
    return (
      <>
        {head()}
        <NoCheckup />
      </>
    );
  if (error)
    return (
      <>
        {head()}
        <ErrorBox error={error} onRetry={reload} />
      </>
    );
  if (data === null)
    return (
      <>
        {head()}
        <Loading />
      </>
    );
  if (section === null || section === undefined)
    return (
      <>
        {head()}
        <Card>
          <NotComputed what={p.title} />
        </Card>
      </>
    );
  return (
    <>
      {head(p.lead?.(data))}
      {p.children(data, section)}
    </>
  );
}
