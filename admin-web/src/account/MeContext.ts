import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export const MeContext = createContext<Me | null>(null);

/** The signed-in staff account; only inside <StaffGate>. */
export function useCurrentStaff(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentStaff must be used inside <StaffGate>');
  return me;
}
