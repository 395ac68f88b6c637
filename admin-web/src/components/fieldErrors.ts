import type { FormInstance } from 'antd';
import { isApiError } from '../api/problem';

export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

/**
 * The problem's field errors as antd form fields: `emergencyContact.phone` → ['emergencyContact',
 * 'phone'], `needs[0]` → ['needs', 0]. Messages of the same field are put together.
 */
export function formFieldErrors(error: unknown): FormFieldError[] {
  if (!isApiError(error)) return [];
  const byField = new Map<string, FormFieldError>();
  for (const fieldError of error.problem?.errors ?? []) {
    const existing = byField.get(fieldError.field);
    if (existing) {
      existing.errors.push(fieldError.message);
    } else {
      byField.set(fieldError.field, {
        name: jsonPathToName(fieldError.field),
        errors: [fieldError.message],
      });
    }
  }
  return [...byField.values()];
}

export function jsonPathToName(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the problem's field errors next to the form's fields. The api names fields by JSON path,
 * which the form cannot check at compile time; fields the form does not have are shown by the
 * ProblemAlert above the form.
 */
export function showFieldErrors<T>(form: FormInstance<T>, error: unknown): void {
  const fields = formFieldErrors(error) as Parameters<FormInstance<T>['setFields']>[0];
  if (fields.length > 0) form.setFields(fields);
}
