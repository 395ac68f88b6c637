/** The audit trail: who read a full elder record, who decided a binding or a credential, who suspended whom. */
package cn.carecircle.api.audit;
