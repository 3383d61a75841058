import { isStaff, useMe } from '../session/SessionContext';
import { PortalLayout } from './PortalLayout';
import { StaffLayout } from './StaffLayout';

/** Staff get the full frame; a client account gets the plain portal frame. */
export function SignedInLayout() {
  const me = useMe();
  return isStaff(me) ? <StaffLayout /> : <PortalLayout />;
}
