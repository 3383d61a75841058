import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Practice, Practitioner } from './types';

/** The practice's clinicians, for choosers (shared query key ['practitioners']). */
export function usePractitioners() {
  return useQuery({ queryKey: ['practitioners'], queryFn: () => api.get<Practitioner[]>('/api/practitioners'), staleTime: 60_000 });
}

/** The practice, with its FORCE movements (shared query key ['practice']). */
export function usePractice() {
  return useQuery({ queryKey: ['practice'], queryFn: () => api.get<Practice>('/api/practice'), staleTime: 60_000 });
}

export function practitionerOptions(list: Practitioner[] | undefined): Array<{ value: string; label: string }> {
  return (list ?? []).map((p) => ({ value: p.id, label: p.pronouns ? `${p.displayName} (${p.pronouns})` : p.displayName }));
}

/** Supervisors and admins may look at other practitioners' calendars. */
export function canSeeOthers(roles: readonly string[]): boolean {
  return roles.includes('supervisor') || roles.includes('practice_admin');
}
