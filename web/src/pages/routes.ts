// The pages, their paths and where they sit in the navigation.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Me } from '../api/client';
import { OverviewPage } from './Overview';
import { ListPage } from './ListDiagnosis';
import { CustomerDiagnosisPage } from './CustomerDiagnosis';
import { PurchasePage } from './Purchase';
import { DistributionPage } from './Distribution';
import { AuditPage } from './AssetAudit';
import { FiveNumbersPage } from './FiveNumbers';
import { FindingsPage } from './Findings';
import { SegmentsPage } from './Segments';
import { CohortsPage } from './Cohorts';
import { ClvPage } from './Clv';
import { CustomerPage } from './Customer';
import { SimulatorPage } from './Simulator';
import { ImportPage } from './Import';
import { SettingsPage } from './Settings';
import { UsersPage } from './Users';

export interface PageDef {
  path: string;
  title: MessageKey;
  group: MessageKey;
  icon: string;
  component: ComponentType;
  /** Least role that sees the page in the navigation. */
  role: Me['role'];
}

export const PAGES: PageDef[] = [
  {
    path: '/',
    title: 'page_overview',
    group: 'group_overview',
    icon: '◉',
    component: OverviewPage,
    role: 'viewer',
  },
  {
    path: '/five',
    title: 'page_five',
    group: 'group_overview',
    icon: '⁵',
    component: FiveNumbersPage,
    role: 'viewer',
  },
  {
    path: '/findings',
    title: 'page_findings',
    group: 'group_overview',
    icon: '!',
    component: FindingsPage,
    role: 'viewer',
  },
  {
    path: '/list',
    title: 'page_list',
    group: 'group_diagnosis',
    icon: '≋',
    component: ListPage,
    role: 'viewer',
  },
  {
    path: '/diagnosis/customer',
    title: 'page_customer_dx',
    group: 'group_diagnosis',
    icon: 'A',
    component: CustomerDiagnosisPage,
    role: 'viewer',
  },
  {
    path: '/diagnosis/purchase',
    title: 'page_purchase',
    group: 'group_diagnosis',
    icon: 'B',
    component: PurchasePage,
    role: 'viewer',
  },
  {
    path: '/diagnosis/distribution',
    title: 'page_distribution',
    group: 'group_diagnosis',
    icon: 'C',
    component: DistributionPage,
    role: 'viewer',
  },
  {
    path: '/audit',
    title: 'page_audit',
    group: 'group_diagnosis',
    icon: '¥',
    component: AuditPage,
    role: 'viewer',
  },
  {
    path: '/segments',
    title: 'page_segments',
    group: 'group_customers',
    icon: '▦',
    component: SegmentsPage,
    role: 'viewer',
  },
  {
    path: '/cohorts',
    title: 'page_cohorts',
    group: 'group_customers',
    icon: '▤',
    component: CohortsPage,
    role: 'viewer',
  },
  {
    path: '/clv',
    title: 'page_clv',
    group: 'group_customers',
    icon: '∞',
    component: ClvPage,
    role: 'viewer',
  },
  {
    path: '/customers',
    title: 'page_customer',
    group: 'group_customers',
    icon: '☺',
    component: CustomerPage,
    role: 'viewer',
  },
  {
    path: '/simulator',
    title: 'page_simulator',
    group: 'group_plan',
    icon: '↗',
    component: SimulatorPage,
    role: 'viewer',
  },
  {
    path: '/import',
    title: 'page_import',
    group: 'group_admin',
    icon: '⇪',
    component: ImportPage,
    role: 'analyst',
  },
  {
    path: '/settings',
    title: 'page_settings',
    group: 'group_admin',
    icon: '⚙',
    component: SettingsPage,
    role: 'viewer',
  },
  {
    path: '/users',
    title: 'page_users',
    group: 'group_admin',
    icon: '☷',
    component: UsersPage,
    role: 'admin',
  },
];

/** Returns the page of a path (the overview for unknown paths). */
export function pageOf(path: string): PageDef {
  return PAGES.find((p) => p.path === path) ?? PAGES[0];
}
