import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { onAuthStateChanged, signInWithEmailAndPassword, signOut } from '@firebase/auth';
import { useQueryClient } from '@tanstack/react-query';
import { firebaseAuth } from './firebase';
import { AuthContext, type AuthContextValue, type AuthState } from './AuthContext';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const queryClient = useQueryClient();

  useEffect(() => {
    return onAuthStateChanged(firebaseAuth(), (user) => {
      setState(user ? { status: 'signedIn', user } : { status: 'signedOut' });
    });
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      signIn: async (email, password) => {
        await signInWithEmailAndPassword(firebaseAuth(), email, password);
      },
      signOut: async () => {
        await signOut(firebaseAuth());
        queryClient.clear();
      },
    }),
    [state, queryClient],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
