/**
 * Sign-in with Firebase ID tokens (verified off the event loop), the caller of a request with the roles and
 * communities of their account, and the refusal of the emulator mode under the {@code prod} profile.
 */
package cn.carecircle.api.security;
