export { AuthProvider } from './AuthProvider';
export { useAuth, type AuthState } from './AuthContext';
export { RequireAuth } from './RequireAuth';
export { SignInPage } from './SignInPage';
export { initFirebase, firebaseAuth, currentIdToken } from './firebase';
