/**
 * Accounts of family members, providers and staff: who is signed in, registration of family members, staff
 * accounts set up by the operator, and the answer to sign-in's {@code AccountLookup}.
 */
package cn.carecircle.api.accounts;
